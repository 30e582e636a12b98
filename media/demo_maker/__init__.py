"""Makes the demo court's files (admin_server/demo/) from the data in media/data/.

One module a job:
    data       reads and checks the TOML files in media/data/
    layout     where the generated files go and how they are named
    content    writes demo/content.json (input of ``court-kiosk-server seed-demo``)
    documents  writes the claim templates demo/templates/<slug>-<lang>.docx
    clips      writes the lobby clips demo/videos/*.mp4 with ffmpeg

media/make_demo_media.py is the command line that runs them.
"""
