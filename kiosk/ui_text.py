"""The kiosk's own wording in Kazakh, Russian and English.

The first block is the table of ../shared/domain.md ("UI wording"); the rest
was written for the screens and, like the table, needs a native speaker's
review before a court goes live. Visitor content (fee rules, templates, ...)
comes from the manifest, never from here.

Pure Python, no Kivy: :func:`t` looks a key up, :func:`format_date` and
:func:`weekday_name` give dates in the visitor's language (numbers and money:
:mod:`kiosk.money`).
"""

from court_contract.text import LANGS

LANG_LABELS = {"kk": "KZ", "ru": "RU", "en": "EN"}
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

WORDS = {
    # --- domain.md table ----------------------------------------------------
    "state_fee": ("Мемлекеттік баж", "Государственная пошлина", "State fee"),
    "fee_calculator": ("Баж калькуляторы", "Калькулятор госпошлины", "Fee calculator"),
    "claim_amount": ("Талап қою бағасы", "Цена иска", "Claim amount"),
    "reception_days": ("Қабылдау күндері", "Дни личного приёма", "Reception days"),
    "claim_templates": ("Талап қою үлгілері", "Образцы исков", "Claim templates"),
    "video": ("Бейне", "Видео", "Video"),
    "e_services": ("Электрондық қызметтер", "Электронные услуги", "E-services"),
    "back": ("Артқа", "Назад", "Back"),
    "home": ("Басты бет", "Главная", "Home"),
    "language": ("Тіл", "Язык", "Language"),
    "search": ("Іздеу", "Поиск", "Search"),
    "scan_qr": (
        "Жүктеп алу үшін QR-кодты сканерлеңіз",
        "Отсканируйте QR-код, чтобы скачать",
        "Scan the QR code to download",
    ),
    "today": ("Бүгін", "Сегодня", "Today"),
    "next_reception": ("Келесі қабылдау", "Следующий приём", "Next reception"),
    "announcements": ("Хабарландырулар", "Объявления", "Announcements"),
    "reconciliation": ("Татуласу / Медиация", "Примирение / Медиация", "Reconciliation / Mediation"),
    "online_hearing": ("Сот отырысына онлайн қатысу", "Онлайн-участие в заседании", "Join a hearing online"),
    "still_there": ("Сіз осындасыз ба?", "Вы ещё здесь?", "Are you still there?"),
    # --- written for the screens (review) ------------------------------------
    "welcome": ("Қош келдіңіз!", "Добро пожаловать!", "Welcome!"),
    "choose_topic": ("Тақырыпты таңдаңыз", "Выберите раздел", "Choose a topic"),
    "fees_sub": ("Кесте және калькулятор", "Таблица и калькулятор", "Table and calculator"),
    "reception_sub": (
        "Басшылықтың жеке қабылдауы",
        "Личный приём руководства",
        "Personal reception by the court's leaders",
    ),
    "templates_sub": ("QR-код арқылы жүктеп алу", "Скачать по QR-коду", "Download with a QR code"),
    "e_services_sub": (
        "Сот кабинеті, әлеуметтік желілер",
        "Судебный кабинет, соцсети",
        "Sot kabineti, social media",
    ),
    "video_sub": (
        "Татуласу, медиация, сот жұмысы",
        "Примирение, медиация, работа суда",
        "Mediation and how the court works",
    ),
    "social": ("Әлеуметтік желілер", "Социальные сети", "Social media"),
    "contacts": ("Байланыс", "Контакты", "Contacts"),
    "touch_to_start": ("Бастау үшін экранды түртіңіз", "Коснитесь экрана, чтобы начать", "Touch the screen to start"),
    "touch_to_continue": (
        "Жалғастыру үшін экранды түртіңіз",
        "Коснитесь экрана, чтобы продолжить",
        "Touch the screen to continue",
    ),
    "seconds_left": (
        "{n} секундтан кейін бастапқы экранға ораламыз",
        "Возврат на начальный экран через {n} с",
        "Back to the start screen in {n} s",
    ),
    "waiting_title": ("Мазмұн күтілуде", "Ожидание материалов", "Waiting for content"),
    "waiting_body": (
        "Киоск серверге қосылып, материалдарды жүктеп жатыр.",
        "Киоск подключается к серверу и загружает материалы.",
        "The kiosk is connecting to the server and loading its content.",
    ),
    "applicant": ("Кім береді", "Кто подаёт", "Who files"),
    "individual": ("Жеке тұлға", "Физическое лицо", "Individual"),
    "legal_entity": ("Заңды тұлға", "Юридическое лицо", "Legal entity"),
    "claim_kind": ("Талап түрі", "Вид иска", "Kind of claim"),
    "fee_result": ("Баж сомасы", "Сумма пошлины", "Fee to pay"),
    "enter_amount": (
        "Талап қою бағасын төмендегі пернелермен теріңіз",
        "Наберите цену иска на клавишах ниже",
        "Type the claim amount on the keys below",
    ),
    "no_amount_needed": (
        "Бұл талап үшін баж сомаға байланысты емес",
        "Для этого иска пошлина не зависит от суммы",
        "For this claim the fee does not depend on the amount",
    ),
    "bad_amount": (
        "Бұл соманы есептеу мүмкін емес, соманы тексеріңіз",
        "Эту сумму нельзя рассчитать, проверьте её",
        "This amount cannot be calculated; please check it",
    ),
    "calc_unavailable": (
        "Есептеу қазір мүмкін емес, сот кеңсесіне жүгініңіз",
        "Расчёт сейчас недоступен, обратитесь в канцелярию суда",
        "The calculation is not available; please ask the court office",
    ),
    "no_fee_rules": (
        "Баж ережелері әлі жарияланбаған",
        "Ставки пошлины ещё не опубликованы",
        "No fee rules published yet",
    ),
    "exempt": (
        "Талапкер баж төлеуден босатылған",
        "Истец освобождён от уплаты пошлины",
        "The plaintiff is exempt from the fee",
    ),
    "capped": (
        "Ең жоғары мөлшермен шектелді: {n} АЕК",
        "Ограничено максимумом: {n} МРП",
        "Capped at the maximum: {n} MRP",
    ),
    "raised_min": (
        "Ең төменгі мөлшерге дейін көтерілді: {n} АЕК",
        "Повышено до минимума: {n} МРП",
        "Raised to the minimum: {n} MRP",
    ),
    "mrp_used": ("{year} жылғы АЕК: {value}", "МРП {year} года: {value}", "MRP {year}: {value}"),
    "mrp_fallback": (
        "{year} жылғы АЕК қолданылады: {missing} жылғы мәні әлі белгіленбеген",
        "Применяется МРП {year} года: значение на {missing} год ещё не задано",
        "MRP {year} is used: the {missing} value is not set yet",
    ),
    "legal_basis": ("Негіздеме", "Основание", "Legal basis"),
    "rate": ("Мөлшерлеме", "Ставка", "Rate"),
    "rate_percent": ("талап қою бағасының {p} %-ы", "{p} % от цены иска", "{p} % of the claim amount"),
    "rate_mrp": ("{n} АЕК", "{n} МРП", "{n} MRP"),
    "rate_max": ("ең көбі {n} АЕК", "не более {n} МРП", "at most {n} MRP"),
    "rate_min": ("ең азы {n} АЕК", "не менее {n} МРП", "at least {n} MRP"),
    "rate_share": ("«{base}» бажының {p} %-ы", "{p} % от пошлины «{base}»", "{p} % of the fee for “{base}”"),
    "rate_exempt": ("Баж төленбейді", "Пошлина не уплачивается", "No fee"),
    "fee_note": (
        "Сомалар анықтама үшін берілген; нақты соманы сот тексереді.",
        "Суммы приведены для справки; точную сумму проверит суд.",
        "Amounts are for guidance; the court checks the exact sum.",
    ),
    "clear": ("Тазалау", "Очистить", "Clear"),
    "delete": ("Өшіру", "Стереть", "Delete"),
    "space": ("Бос орын", "Пробел", "Space"),
    "hide_keyboard": ("Жасыру", "Скрыть", "Hide"),
    "all": ("Барлығы", "Все", "All"),
    "search_hint": ("Үлгіні атауы бойынша іздеу", "Поиск образца по названию", "Search templates by title"),
    "nothing_found": ("Ештеңе табылмады", "Ничего не найдено", "Nothing found"),
    "no_templates": ("Үлгілер әлі жоқ", "Образцов пока нет", "No templates yet"),
    "file_languages": ("Файл тілдері", "Языки файла", "File languages"),
    "file_format": ("Файл: {kind}, {size}", "Файл: {kind}, {size}", "File: {kind}, {size}"),
    "size_kb": ("{n}\u00a0КБ", "{n}\u00a0КБ", "{n}\u00a0KB"),
    "size_mb": ("{n}\u00a0МБ", "{n}\u00a0МБ", "{n}\u00a0MB"),
    "how_to_file": ("Талап қоюды қалай беру керек", "Как подать иск", "How to file it"),
    "step_fill": (
        "Жүктеп алған үлгінің бос орындарын толтырып, қол қойыңыз",
        "Заполните пропуски в скачанном образце и подпишите",
        "Fill in the blanks of the downloaded template and sign it",
    ),
    "step_pay": (
        "Мемлекеттік бажды төлеңіз, егер сіз одан босатылмаған болсаңыз",
        "Оплатите государственную пошлину, если вы от неё не освобождены",
        "Pay the state fee, unless you are exempt from it",
    ),
    "step_attach": (
        "Үлгіде аталған құжаттардың көшірмелерін және жауапкерлердің санына қарай талап қоюдың "
        "көшірмелерін қоса беріңіз",
        "Приложите копии документов, перечисленных в образце, и копии иска по числу ответчиков",
        "Attach copies of the documents the template lists, and a copy of the claim for each defendant",
    ),
    "step_office": ("Сот кеңсесіне тапсырыңыз: {address}", "Сдайте в канцелярию суда: {address}",
                    "Hand it in at the court office: {address}"),
    "step_online": ("Немесе онлайн беріңіз: {name}, {url}", "Или подайте онлайн: {name}, {url}",
                    "Or file it online: {name}, {url}"),
    "this_week": ("Осы апта", "Эта неделя", "This week"),
    "next_week": ("Келесі апта", "Следующая неделя", "Next week"),
    "no_reception": ("Қабылдау жоқ", "Приёма нет", "No reception"),
    "holiday_no_reception": ("{name}: қабылдау жоқ", "{name}: приёма нет", "{name}: no reception"),
    "no_upcoming": ("Алдағы қабылдау жоқ", "Ближайших приёмов нет", "No receptions coming up"),
    "now_on": ("Қазір жүріп жатыр", "Идёт сейчас", "Happening now"),
    "room": ("Кабинет", "Кабинет", "Room"),
    "phone": ("Телефон", "Телефон", "Phone"),
    "large_text": ("Ірі мәтін", "Крупный текст", "Large text"),
    "no_videos": ("Бейнелер әлі жоқ", "Видео пока нет", "No videos yet"),
    "no_links": ("Сілтемелер әлі жоқ", "Ссылок пока нет", "No links yet"),
    "scan_to_open": ("Ашу үшін сканерлеңіз", "Отсканируйте, чтобы открыть", "Scan to open"),
    "now_playing": ("Қазір көрсетілуде", "Сейчас показывается", "Now playing"),
    "emergency": ("Шұғыл хабарландыру", "Экстренное объявление", "Emergency notice"),
    "reception_today": ("Бүгінгі жеке қабылдау", "Личный приём сегодня", "Personal reception today"),
    "no_reception_today": ("Бүгін жеке қабылдау жоқ", "Сегодня личного приёма нет", "No personal reception today"),
    "pause": ("Кідірту", "Пауза", "Pause"),
    "resume": ("Жалғастыру", "Продолжить", "Resume"),
    # --- hearings (domain.md "Hearings"; the rest written for the screens, review) ---
    "hearings": ("Сот отырыстары", "Судебные заседания", "Hearings today"),
    "hearings_sub": (
        "Уақыты, залы және қалай жетуге болады",
        "Время, зал и как пройти",
        "Time, courtroom and how to get there",
    ),
    "courtroom": ("Сот залы", "Зал судебных заседаний", "Courtroom"),
    "hall": ("Зал", "Зал", "Room"),
    "case_number": ("Іс нөмірі", "Номер дела", "Case number"),
    "judge": ("Судья", "Судья", "Judge"),
    "parties": ("Тараптар", "Стороны", "Parties"),
    "status_scheduled": ("Тағайындалды", "Назначено", "Scheduled"),
    "status_in_progress": ("Отырыс жүріп жатыр", "Идёт заседание", "In progress"),
    "status_break": ("Үзіліс", "Перерыв", "Break"),
    "status_finished": ("Аяқталды", "Завершено", "Finished"),
    "status_postponed": ("Кейінге қалдырылды", "Отложено", "Postponed"),
    "status_moved": ("Басқа залға ауыстырылды", "Перенесено в другой зал", "Moved to another room"),
    "status_cancelled": ("Қараудан алынды", "Снято с рассмотрения", "Cancelled"),
    "closed_hearing": ("Жабық сот отырысы", "Закрытое судебное заседание", "Closed hearing"),
    "way_there": ("Қалай жетуге болады", "Как пройти", "How to get there"),
    "floor_n": ("{n}-қабат", "{n} этаж", "Floor {n}"),
    "kind_civil": ("Азаматтық іс", "Гражданское дело", "Civil case"),
    "kind_criminal": ("Қылмыстық іс", "Уголовное дело", "Criminal case"),
    "kind_administrative_offence": (
        "Әкімшілік құқық бұзушылық туралы іс",
        "Дело об административном правонарушении",
        "Administrative offence",
    ),
    "kind_administrative": ("Әкімшілік сот ісін жүргізу", "Административное судопроизводство", "Administrative case"),
    "postponed_to": ("Кейінге қалдырылды: {when}", "Отложено на {when}", "Postponed to {when}"),
    "moved_to": ("{room}-залға ауыстырылды", "Перенесено в зал {room}", "Moved to room {room}"),
    "no_hearings_today": ("Бүгін сот отырыстары жоқ", "Сегодня судебных заседаний нет", "No hearings today"),
    "hearings_search_hint": (
        "Іс нөмірі, судья немесе тарап",
        "Номер дела, судья или сторона",
        "Case number, judge or party",
    ),
    "hearing_now": ("Қазір", "Сейчас", "Now"),
    "hearing_next": ("Келесі", "Следующее", "Next"),
    "hearing_later": ("Бүгін кейінірек", "Позже сегодня", "Later today"),
    "no_hearing_now": ("Қазір отырыс жоқ", "Сейчас заседания нет", "No hearing now"),
    "no_more_hearings": ("Бүгін басқа отырыс жоқ", "Больше заседаний сегодня нет", "No more hearings today"),
    "hearings_more": ("Тағы {n} отырыс", "Ещё заседаний: {n}", "+{n} more"),
    "room_unknown": (
        "{room} зал сот мазмұнында жоқ",
        "Зала {room} нет в материалах суда",
        "Room {room} is not in the court's content",
    ),
    "room_here": ("Зал осында", "Зал здесь", "The room is here"),
}

WEEKDAYS = {
    "kk": ("Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі"),
    "ru": ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

MONTHS = {
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
           "қараша", "желтоқсан"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def _index(lang):
    return LANGS.index(lang) if lang in LANGS else 0


def t(key, lang, **fmt):
    """The wording for ``key`` in ``lang`` (kk if the language is unknown)."""
    text = WORDS[key][_index(lang)]
    return text.format(**fmt) if fmt else text


def weekday_name(iso_weekday, lang):
    """``1`` (Monday) .. ``7`` in the visitor's language."""
    return WEEKDAYS[LANGS[_index(lang)]][iso_weekday - 1]


def format_date(day, lang, *, year=True):
    """22 қараша 2026 жыл / 22 ноября 2026 / 22 November 2026 (year optional)."""
    lang = LANGS[_index(lang)]
    month = MONTHS[lang][day.month - 1]
    if lang == "kk":
        return f"{day.year} жылғы {day.day} {month}" if year else f"{day.day} {month}"
    return f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"



def room_words(room, lang, sep=" "):
    """A reception room as the visitor reads it: "301-кабинет" / "Room 301" as the court wrote it,
    a bare number with the word for room before it ("Кабинет 301", never "Кабинет 301-кабинет")."""
    room = (room or "").strip()
    if not room or any(ch.isalpha() for ch in room):
        return room
    return f"{t('room', lang)}{sep}{room}"
