"""Wording of the visitor's download page, in the three languages."""

LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

TEXT = {
    "download": {"kk": "Жүктеп алу", "ru": "Скачать", "en": "Download"},
    "files": {"kk": "Үлгі файлдары", "ru": "Файлы образца", "en": "Template files"},
    "in_lang": {"kk": "тілінде", "ru": "язык", "en": "language"},
    "not_found": {
        "kk": "Мұндай үлгі табылмады. Сот ғимаратындағы киоскіден QR-кодты қайта сканерлеңіз.",
        "ru": "Такой образец не найден. Отсканируйте QR-код на киоске в здании суда ещё раз.",
        "en": "This template was not found. Scan the QR code on the kiosk in the court building again.",
    },
    "office": {
        "kk": "Талап қоюды онлайн беру: Сот кабинеті",
        "ru": "Подать иск онлайн: Судебный кабинет",
        "en": "File a claim online: Sot kabineti",
    },
}
