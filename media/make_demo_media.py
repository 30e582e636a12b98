#!/usr/bin/env python3
"""Recipe for the court-kiosk demo content in media/demo/.

This script is run BY HAND by a developer when the demo content changes. It is
never run at install or test time; its output is committed to the repository.

What it writes (paths relative to the media/ folder):
    demo/content.json                   the whole demo draft content (input of
                                        ``court-kiosk-server seed-demo``)
    demo/templates/<slug>-<lang>.docx   claim templates, lang = kk, ru, en
    demo/videos/reconciliation.mp4      three short lobby clips (H.264 + AAC)
    demo/videos/e-services.mp4
    demo/videos/how-court-works.mp4
    demo/videos/corrupt.mp4             a deliberately broken MP4 for player
                                        tests; NOT referenced by content.json

How to run (from the project root):
    .venv/bin/python media/make_demo_media.py            # everything
    .venv/bin/python media/make_demo_media.py --only docx
    .venv/bin/python media/make_demo_media.py --only videos
    .venv/bin/python media/make_demo_media.py --only json

Needs: python-docx and pillow (dev dependencies of the project), ffmpeg with
libx264 and drawtext on PATH, and the DejaVu fonts (Debian: fonts-dejavu-core).

Output is deterministic: DOCX core properties carry fixed dates, and the DOCX
zip entries get a fixed timestamp, so re-running gives the same bytes. The MP4
files are made with bit-exact flags and no metadata, so the same ffmpeg/x264
build gives the same bytes (another ffmpeg version may differ slightly).

All visitor-facing texts live in this file. Edit them here and re-run; do not
edit content.json by hand (it is overwritten). Texts need review by native
speakers and legal references by the court (see media/README.md).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MEDIA_DIR = Path(__file__).resolve().parent
DEMO = "demo"
LANGS = ("kk", "ru", "en")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

FIXED_DATE = _dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def T(kk: str, ru: str, en: str) -> dict:
    """A trilingual text."""
    return {"kk": kk, "ru": ru, "en": en}


# ---------------------------------------------------------------------------
# Courts and common wording
# ---------------------------------------------------------------------------
REGIONAL_COURT = T("Маңғыстау облыстық соты", "Мангистауский областной суд",
                   "Mangystau Regional Court")
AKTAU_COURT = T("Ақтау қалалық соты", "Актауский городской суд", "Aktau City Court")
ZHANAOZEN_COURT = T("Жаңаөзен қалалық соты", "Жанаозенский городской суд",
                    "Zhanaozen City Court")

RECEPTION_PHONE = "+7 7292 50-10-25"

BLANK = "________________________________"
SHORT = "____________"

COMMON = {
    "kk": {
        "person_hint": "(тегі, аты, әкесінің аты (бар болса) толық)",
        "org_hint": "(ұйымның толық атауы)",
        "any_hint": "(тегі, аты, әкесінің аты немесе ұйымның атауы)",
        "iin": "ЖСН:",
        "iin_opt": "ЖСН (белгілі болса):",
        "bin": "БСН:",
        "iin_bin": "ЖСН / БСН:",
        "address": "Мекенжайы:",
        "legal_address": "Заңды мекенжайы:",
        "contacts": "Телефоны, e-mail:",
        "ask": "Жоғарыда баяндалғанның негізінде, Қазақстан Республикасының "
               "Азаматтық процестік кодексін басшылыққа ала отырып, СОТТАН СҰРАЙМЫН:",
        "attachments": "Қоса берілетін құжаттар:",
        "date": "20__ жылғы «___» ____________",
        "signature": "Қолы: ____________ / ____________________ /",
        "mediation": "Дауды татуласу рәсімдері (медиация, партисипативтік рәсім) "
                     "арқылы реттеуге дайынмын / дайын емеспін (қажеттісінің астын сызыңыз).",
        "note": "Маңғыстау облыстық соты, ақпараттық киоск. Бұл — толтыруға арналған "
                "үлгі: құжатты бермес бұрын қолданыстағы заңнаманың талаптарын "
                "тексеріңіз. Құжатты «Сот кабинеті» (office.sud.kz) арқылы "
                "электрондық түрде де беруге болады.",
        "subject": "Талап қою үлгісі",
    },
    "ru": {
        "person_hint": "(фамилия, имя, отчество (при наличии) полностью)",
        "org_hint": "(полное наименование организации)",
        "any_hint": "(Ф. И. О. или наименование организации)",
        "iin": "ИИН:",
        "iin_opt": "ИИН (если известен):",
        "bin": "БИН:",
        "iin_bin": "ИИН / БИН:",
        "address": "Адрес:",
        "legal_address": "Юридический адрес:",
        "contacts": "Телефон, e-mail:",
        "ask": "На основании изложенного, руководствуясь Гражданским процессуальным "
               "кодексом Республики Казахстан, ПРОШУ СУД:",
        "attachments": "Приложения:",
        "date": "«___» ____________ 20__ г.",
        "signature": "Подпись: ____________ / ____________________ /",
        "mediation": "Готов(а) / не готов(а) урегулировать спор в порядке примирительных "
                     "процедур (медиация, партисипативная процедура) — нужное подчеркнуть.",
        "note": "Мангистауский областной суд, информационный киоск. Это образец для "
                "заполнения: перед подачей проверьте действующие требования закона. "
                "Документ можно подать и в электронном виде через «Судебный кабинет» "
                "(office.sud.kz).",
        "subject": "Образец иска",
    },
    "en": {
        "person_hint": "(surname, first name, patronymic (if any) in full)",
        "org_hint": "(full name of the organisation)",
        "any_hint": "(full name of the person or of the organisation)",
        "iin": "IIN:",
        "iin_opt": "IIN (if known):",
        "bin": "BIN:",
        "iin_bin": "IIN / BIN:",
        "address": "Address:",
        "legal_address": "Registered address:",
        "contacts": "Phone, e-mail:",
        "ask": "On these grounds, in accordance with the Civil Procedure Code of the "
               "Republic of Kazakhstan, I ASK THE COURT:",
        "attachments": "Attachments:",
        "date": "Date: ___ ____________ 20__",
        "signature": "Signature: ____________ / ____________________ /",
        "mediation": "I am / am not ready to settle the dispute through reconciliation "
                     "procedures (mediation, participatory procedure) — underline as "
                     "appropriate.",
        "note": "Mangystau Regional Court, information kiosk. This is a sample to fill "
                "in: check the current requirements of the law before filing. The "
                "English version is for reference only — documents are filed with the "
                "court in Kazakh or Russian, in person or online via Sot kabineti "
                "(office.sud.kz).",
        "subject": "Claim template",
    },
}

ROLES = {
    "plaintiff": T("Талапкер", "Истец", "Plaintiff"),
    "defendant": T("Жауапкер", "Ответчик", "Defendant"),
    "applicant": T("Арыз беруші", "Заявитель", "Applicant"),
    "interested": T("Мүдделі тұлға", "Заинтересованное лицо", "Interested party"),
    "creditor": T("Өндіріп алушы", "Взыскатель", "Creditor (applicant)"),
    "debtor": T("Борышкер", "Должник", "Debtor"),
    "appellant": T("Шағым беруші", "Лицо, подающее жалобу", "Appellant"),
    "other": T("Іске қатысушы басқа тұлғалар", "Другие лица, участвующие в деле",
               "Other parties to the case"),
}

TO_CITY_COURT = T("Ақтау қалалық сотына", "В Актауский городской суд",
                  "To: Aktau City Court")
TO_APPEAL = {
    "kk": ["Маңғыстау облыстық сотының", "азаматтық істер жөніндегі сот алқасына",
           "Ақтау қалалық соты арқылы"],
    "ru": ["В судебную коллегию по гражданским делам", "Мангистауского областного суда",
           "через Актауский городской суд"],
    "en": ["To: Judicial Board for Civil Cases", "Mangystau Regional Court",
           "via Aktau City Court"],
}

FEE_03 = T("Мемлекеттік баж: 0,3 АЕК", "Государственная пошлина: 0,3 МРП",
           "State fee: 0.3 MRP")
FEE_05 = T("Мемлекеттік баж: 0,5 АЕК", "Государственная пошлина: 0,5 МРП",
           "State fee: 0.5 MRP")
FEE_EXEMPT = T("Мемлекеттік баж: төленбейді (талапкер босатылған)",
               "Государственная пошлина: не уплачивается (истец освобождён)",
               "State fee: not payable (the plaintiff is exempt)")
FEE_AMOUNT = T("Мемлекеттік баж: " + SHORT + " теңге",
               "Государственная пошлина: " + SHORT + " тенге",
               "State fee: " + SHORT + " KZT")
PRICE = T("Талап қою бағасы: " + SHORT + " теңге", "Цена иска: " + SHORT + " тенге",
          "Amount of the claim: " + SHORT + " KZT")

# ---------------------------------------------------------------------------
# Template categories and templates
# ---------------------------------------------------------------------------
CATEGORIES = [
    {"code": "family", "title": T("Отбасылық даулар", "Семейные споры", "Family disputes")},
    {"code": "debt", "title": T("Берешек және зиянды өтеу", "Долги и возмещение вреда",
                                "Debts and damages")},
    {"code": "labour", "title": T("Еңбек даулары", "Трудовые споры", "Labour disputes")},
    {"code": "special", "title": T("Ерекше іс жүргізу", "Особое производство",
                                   "Special proceedings")},
    {"code": "order", "title": T("Бұйрық іс жүргізу", "Приказное производство",
                                 "Court orders")},
    {"code": "reconciliation", "title": T("Татуласу рәсімдері", "Примирительные процедуры",
                                          "Reconciliation")},
    {"code": "appeal", "title": T("Сот актілеріне шағымдану", "Обжалование судебных актов",
                                  "Appeals")},
]

# Each template: parties = list of (role, kind) with kind in person, person_opt,
# org, any; "extra" = lines under the parties (claim amount, fee);
# body/requests/attachments = per-language lists.
TEMPLATES = [
    # ------------------------------------------------------------------ divorce
    {
        "slug": "divorce",
        "category": "family",
        "title": T("Некені бұзу туралы талап қою", "Иск о расторжении брака",
                   "Claim for divorce"),
        "description": T(
            "Ерлі-зайыптылардың кәмелетке толмаған ортақ балалары болса немесе "
            "біреуі некені бұзуға келіспесе, неке сот тәртібімен бұзылады. "
            "Мемлекеттік баж — 0,3 АЕК.",
            "Брак расторгается в суде, если у супругов есть общие несовершеннолетние "
            "дети или один из них не согласен на развод. Госпошлина — 0,3 МРП.",
            "A marriage is dissolved by the court when the spouses have minor children "
            "together or one of them does not agree to the divorce. State fee: 0.3 MRP."),
        "parties": [("plaintiff", "person"), ("defendant", "person_opt")],
        "extra": [FEE_03],
        "body": {
            "kk": [
                "Мен жауапкермен 20__ жылғы «___» ____________ некеге тұрдым. Неке "
                "____________ (тіркеген органның атауы) тіркелген, акт жазбасы № ______.",
                "Некеден кәмелетке толмаған балаларымыз бар: ____________ (тегі, аты, "
                "туған күні).",
                "Отбасылық өміріміз жараспады: ____________ (себептерін көрсетіңіз). "
                "20__ жылғы «___» ____________ бастап біз бірге тұрмаймыз, ортақ "
                "шаруашылық жүргізбейміз. Отбасын сақтау мүмкін емес деп санаймын.",
                "Ерлі-зайыптылардың ортақ мүлкін бөлу туралы дау жоқ / дау жеке талап "
                "қою арқылы шешіледі (қажеттісінің астын сызыңыз). Балалардың тұрғылықты "
                "жері және оларды асырау: ____________ (келісім бар / сотта шешу қажет).",
                "«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасының "
                "Кодексіне сәйкес ерлі-зайыптылардың кәмелетке толмаған ортақ балалары "
                "болса немесе олардың біреуі некені бұзуға келіспесе, неке сот тәртібімен "
                "бұзылады. Егер сот ерлі-зайыптылардың бұдан әрі бірге өмір сүруі және "
                "отбасын сақтауы мүмкін емес екенін анықтаса, неке бұзылады.",
            ],
            "ru": [
                "«___» ____________ 20__ г. я вступил(а) в брак с ответчиком. Брак "
                "зарегистрирован ____________ (наименование органа регистрации), актовая "
                "запись № ______.",
                "От брака имеем несовершеннолетних детей: ____________ (фамилия, имя, "
                "дата рождения).",
                "Совместная жизнь не сложилась: ____________ (укажите причины). С «___» "
                "____________ 20__ г. мы не проживаем вместе и не ведём общее хозяйство. "
                "Считаю, что сохранить семью невозможно.",
                "Спора о разделе общего имущества супругов нет / спор будет разрешён "
                "отдельным иском (нужное подчеркнуть). Место жительства и содержание "
                "детей: ____________ (есть соглашение / требуется решение суда).",
                "Согласно Кодексу Республики Казахстан «О браке (супружестве) и семье» "
                "брак расторгается в судебном порядке, если у супругов есть общие "
                "несовершеннолетние дети или один из супругов не согласен на расторжение "
                "брака. Брак расторгается, если суд установит, что дальнейшая совместная "
                "жизнь супругов и сохранение семьи невозможны.",
            ],
            "en": [
                "I married the defendant on ___ ____________ 20__. The marriage was "
                "registered by ____________ (name of the registry office), record "
                "No. ______.",
                "We have minor children together: ____________ (names, dates of birth).",
                "Our family life has not worked out: ____________ (state the reasons). "
                "Since ___ ____________ 20__ we have not lived together or shared a "
                "household. I believe the family cannot be preserved.",
                "There is no dispute over the division of our joint property / the "
                "property dispute will be resolved by a separate claim (underline as "
                "appropriate). The children's residence and maintenance: ____________ "
                "(agreed / to be decided by the court).",
                "Under the Code of the Republic of Kazakhstan on Marriage (Matrimony) and "
                "Family, a marriage is dissolved by the court when the spouses have minor "
                "children together or one of them does not agree to the divorce. The court "
                "dissolves the marriage if it finds that the spouses can no longer live "
                "together and the family cannot be preserved.",
            ],
        },
        "requests": {
            "kk": ["____________ және ____________ арасындағы 20__ жылғы «___» "
                   "____________ ____________ (тіркеген орган) тіркелген некені (акт "
                   "жазбасы № ______) бұзуды."],
            "ru": ["Расторгнуть брак между ____________ и ____________, "
                   "зарегистрированный «___» ____________ 20__ г. ____________ (орган "
                   "регистрации), актовая запись № ______."],
            "en": ["To dissolve the marriage between ____________ and ____________ "
                   "registered on ___ ____________ 20__ by ____________ (registry "
                   "office), record No. ______."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Неке қию туралы куәлік (түпнұсқасы);",
                   "Балалардың туу туралы куәліктерінің көшірмелері;",
                   "Талапкердің жеке басын куәландыратын құжаттың көшірмесі;",
                   "Мемлекеттік бажды (0,3 АЕК) төлегенін растайтын құжат;",
                   "Талап қоюдағы мән-жайларды растайтын құжаттар (бар болса)."],
            "ru": ["Копия иска для ответчика;",
                   "Свидетельство о заключении брака (оригинал);",
                   "Копии свидетельств о рождении детей;",
                   "Копия документа, удостоверяющего личность истца;",
                   "Документ об уплате государственной пошлины (0,3 МРП);",
                   "Документы, подтверждающие доводы иска (при наличии)."],
            "en": ["A copy of the claim for the defendant;",
                   "Marriage certificate (original);",
                   "Copies of the children's birth certificates;",
                   "A copy of the plaintiff's identity document;",
                   "Proof of payment of the state fee (0.3 MRP);",
                   "Documents supporting the claim (if any)."],
        },
    },
    # ------------------------------------------------------------------ alimony
    {
        "slug": "alimony",
        "category": "family",
        "title": T("Алимент өндіріп алу туралы талап қою", "Иск о взыскании алиментов",
                   "Claim for child support (alimony)"),
        "description": T(
            "Кәмелетке толмаған балаларға табыстың үлесі ретінде: бір балаға — 1/4, "
            "екі балаға — 1/3, үш және одан көп балаға — 1/2. Талапкер мемлекеттік "
            "баж төлемейді.",
            "На несовершеннолетних детей в долях от заработка: на одного ребёнка — 1/4, "
            "на двоих — 1/3, на трёх и более — 1/2. Истец не платит госпошлину.",
            "Support for minor children as a share of the parent's income: 1/4 for one "
            "child, 1/3 for two, 1/2 for three or more. The plaintiff pays no state fee."),
        "parties": [("plaintiff", "person"), ("defendant", "person_opt")],
        "extra": [
            T("Талап қою бағасы: " + SHORT + " теңге (бір жылғы төлемдер сомасы)",
              "Цена иска: " + SHORT + " тенге (сумма платежей за один год)",
              "Amount of the claim: " + SHORT + " KZT (payments for one year)"),
            FEE_EXEMPT],
        "body": {
            "kk": [
                "Мен жауапкермен некеде тұрамын (тұрдым) / неке тіркелмеген (қажеттісінің "
                "астын сызыңыз). Бізде кәмелетке толмаған балалар бар: ____________ "
                "(тегі, аты, туған күні).",
                "Балалар менімен бірге тұрады және менің асырауымда. Жауапкер оларды "
                "асырауға материалдық көмек көрсетпейді / тұрақты көмек көрсетпейді "
                "(қажеттісінің астын сызыңыз). Алимент төлеу туралы келісім жасалған жоқ.",
                "Жауапкер ____________ (жұмыс орны, лауазымы) жұмыс істейді, айлық "
                "табысы ____________ теңге / жауапкердің табысы туралы мәліметтер маған "
                "белгісіз.",
                "«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасының "
                "Кодексіне сәйкес ата-аналар кәмелетке толмаған балаларын асырауға "
                "міндетті. Келісім болмаған жағдайда алимент сот тәртібімен ай сайын "
                "өндіріп алынады: бір балаға — ата-ананың жалақысының және (немесе) өзге "
                "табысының төрттен бір бөлігі, екі балаға — үштен бір бөлігі, үш және одан "
                "көп балаға — жартысы.",
                "Қазақстан Республикасының Салық кодексіне сәйкес алимент өндіріп алу "
                "туралы талап қоюлар бойынша талапкерлер мемлекеттік баж төлеуден "
                "босатылады.",
            ],
            "ru": [
                "Я состою (состоял(а)) в браке с ответчиком / брак не регистрировался "
                "(нужное подчеркнуть). У нас есть несовершеннолетние дети: ____________ "
                "(фамилия, имя, дата рождения).",
                "Дети проживают со мной и находятся на моём иждивении. Ответчик "
                "материальной помощи на их содержание не оказывает / оказывает "
                "нерегулярно (нужное подчеркнуть). Соглашение об уплате алиментов не "
                "заключалось.",
                "Ответчик работает ____________ (место работы, должность), его доход "
                "составляет ____________ тенге в месяц / сведения о доходах ответчика мне "
                "неизвестны.",
                "Согласно Кодексу Республики Казахстан «О браке (супружестве) и семье» "
                "родители обязаны содержать своих несовершеннолетних детей. При "
                "отсутствии соглашения алименты взыскиваются судом ежемесячно: на одного "
                "ребёнка — одна четверть, на двух детей — одна треть, на трёх и более "
                "детей — половина заработка и (или) иного дохода родителя.",
                "В соответствии с Налоговым кодексом Республики Казахстан истцы по искам "
                "о взыскании алиментов освобождаются от уплаты государственной пошлины.",
            ],
            "en": [
                "I am (was) married to the defendant / our marriage was not registered "
                "(underline as appropriate). We have minor children: ____________ "
                "(names, dates of birth).",
                "The children live with me and are my dependants. The defendant does not "
                "support them / supports them only irregularly (underline as "
                "appropriate). No agreement on child support has been made.",
                "The defendant works at ____________ (employer, position) and earns "
                "____________ KZT a month / I do not know the defendant's income.",
                "Under the Code of the Republic of Kazakhstan on Marriage (Matrimony) and "
                "Family, parents must support their minor children. Where there is no "
                "agreement, the court orders monthly support of one quarter of the "
                "parent's wages and (or) other income for one child, one third for two "
                "children and one half for three or more children.",
                "Under the Tax Code of the Republic of Kazakhstan, plaintiffs in child "
                "support claims are exempt from the state fee.",
            ],
        },
        "requests": {
            "kk": ["Жауапкерден (____________, туған күні ______) менің пайдама "
                   "кәмелетке толмаған ____________ (балалардың аты-жөні, туған күні) "
                   "асырауға барлық жалақысының және (немесе) өзге табысының ____ бөлігі "
                   "(1/4, 1/3 немесе 1/2) мөлшерінде алиментті талап қою берілген күннен "
                   "бастап балалар кәмелетке толғанға дейін ай сайын өндіріп алуды.",
                   "Шешімді алимент өндіріп алу бөлігінде дереу орындауға жіберуді."],
            "ru": ["Взыскать с ответчика (____________, дата рождения ______) в мою "
                   "пользу алименты на содержание несовершеннолетних ____________ (имена, "
                   "даты рождения) в размере ____ части (1/4, 1/3 или 1/2) всех видов "
                   "заработка и (или) иного дохода ежемесячно, начиная со дня подачи иска "
                   "и до совершеннолетия детей.",
                   "Обратить решение к немедленному исполнению в части взыскания "
                   "алиментов."],
            "en": ["To order the defendant (____________, born ______) to pay me monthly "
                   "support for the minor children ____________ (names, dates of birth) "
                   "of ____ (1/4, 1/3 or 1/2) of all wages and (or) other income, from "
                   "the day this claim is filed until the children come of age.",
                   "To make the judgment immediately enforceable as regards child "
                   "support."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Балалардың туу туралы куәліктерінің көшірмелері;",
                   "Неке қию (бұзу) туралы куәліктің көшірмесі (бар болса);",
                   "Тұрғылықты жері туралы мекенжай анықтамасы;",
                   "Жауапкердің табысы туралы мәліметтер (бар болса);",
                   "Талапкердің жеке басын куәландыратын құжаттың көшірмесі."],
            "ru": ["Копия иска для ответчика;",
                   "Копии свидетельств о рождении детей;",
                   "Копия свидетельства о заключении (расторжении) брака (при наличии);",
                   "Адресная справка о месте жительства;",
                   "Сведения о доходах ответчика (при наличии);",
                   "Копия документа, удостоверяющего личность истца."],
            "en": ["A copy of the claim for the defendant;",
                   "Copies of the children's birth certificates;",
                   "A copy of the marriage (divorce) certificate (if any);",
                   "Certificate of registered address;",
                   "Information on the defendant's income (if available);",
                   "A copy of the plaintiff's identity document."],
        },
    },
    # ------------------------------------------------------------ alimony-fixed
    {
        "slug": "alimony-fixed",
        "category": "family",
        "title": T("Алиментті тұрақты ақша сомасымен өндіріп алу туралы талап қою",
                   "Иск о взыскании алиментов в твёрдой денежной сумме",
                   "Claim for child support in a fixed sum"),
        "description": T(
            "Жауапкердің табысы тұрақсыз болса, заттай немесе шетел валютасымен алынса "
            "не табысы болмаса, сот алиментті АЕК-ке еселенген тұрақты сомамен "
            "белгілейді. Талапкер баж төлемейді.",
            "Если доход ответчика нерегулярный, получается в натуре или в иностранной "
            "валюте либо отсутствует, суд назначает алименты в твёрдой сумме, кратной "
            "МРП. Истец не платит госпошлину.",
            "If the defendant's income is irregular, paid in kind or in foreign "
            "currency, or there is none, the court sets support as a fixed monthly sum "
            "in MRP. The plaintiff pays no state fee."),
        "parties": [("plaintiff", "person"), ("defendant", "person_opt")],
        "extra": [
            T("Талап қою бағасы: " + SHORT + " теңге (бір жылғы төлемдер сомасы)",
              "Цена иска: " + SHORT + " тенге (сумма платежей за один год)",
              "Amount of the claim: " + SHORT + " KZT (payments for one year)"),
            FEE_EXEMPT],
        "body": {
            "kk": [
                "Жауапкер кәмелетке толмаған ____________ (баланың аты-жөні, туған күні) "
                "әкесі (анасы) болып табылады. Бала менімен бірге тұрады және менің "
                "асырауымда.",
                "Жауапкердің табысы тұрақсыз / табысын заттай немесе шетел валютасымен "
                "алады / тұрақты табысы жоқ (қажеттісінің астын сызыңыз), сондықтан "
                "алиментті табыстың үлесімен өндіріп алу баланың мүддесін қорғамайды.",
                "Баланы асырауға ай сайын кемінде ____________ теңге қажет (тамақ, киім, "
                "оқу, емделу). Шығыстардың есебі қоса беріледі.",
                "«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасының "
                "Кодексіне сәйкес алимент төлеуге міндетті ата-ананың табысы тұрақсыз "
                "болса, заттай немесе шетел валютасымен алынса, не табысы болмаса, "
                "сондай-ақ өзге де жағдайларда сот алиментті айлық есептік көрсеткішке "
                "еселенген тұрақты ақша сомасымен белгілей алады. Талапкер мемлекеттік "
                "баж төлеуден босатылады.",
            ],
            "ru": [
                "Ответчик является отцом (матерью) несовершеннолетнего ____________ "
                "(имя, дата рождения). Ребёнок проживает со мной и находится на моём "
                "иждивении.",
                "Доход ответчика нерегулярный / получается в натуре или в иностранной "
                "валюте / постоянного дохода нет (нужное подчеркнуть), поэтому взыскание "
                "алиментов в долях от заработка не обеспечивает интересы ребёнка.",
                "На содержание ребёнка ежемесячно необходимо не менее ____________ тенге "
                "(питание, одежда, обучение, лечение). Расчёт расходов прилагается.",
                "Согласно Кодексу Республики Казахстан «О браке (супружестве) и семье», "
                "если родитель, обязанный уплачивать алименты, имеет нерегулярный доход, "
                "получает его в натуре или в иностранной валюте, не имеет дохода, а "
                "также в иных случаях, суд вправе определить алименты в твёрдой денежной "
                "сумме, кратной месячному расчётному показателю. Истец освобождён от "
                "уплаты государственной пошлины.",
            ],
            "en": [
                "The defendant is the father (mother) of the minor ____________ (name, "
                "date of birth). The child lives with me and is my dependant.",
                "The defendant's income is irregular / paid in kind or in foreign "
                "currency / there is no regular income (underline as appropriate), so "
                "support as a share of income would not protect the child's interests.",
                "The child needs at least ____________ KZT a month (food, clothing, "
                "education, medical care). A calculation of expenses is attached.",
                "Under the Code of the Republic of Kazakhstan on Marriage (Matrimony) and "
                "Family, where the paying parent has irregular income, is paid in kind or "
                "in foreign currency, has no income, or in other cases, the court may set "
                "support as a fixed sum expressed in monthly calculation indices (MRP). "
                "The plaintiff is exempt from the state fee.",
            ],
        },
        "requests": {
            "kk": ["Жауапкерден (____________, туған күні ______) менің пайдама "
                   "кәмелетке толмаған ____________ (баланың аты-жөні, туған күні) "
                   "асырауға ай сайын ____ АЕК мөлшерінде (талап қою берілген күні "
                   "____________ теңге) тұрақты ақша сомасымен алиментті талап қою "
                   "берілген күннен бастап бала кәмелетке толғанға дейін өндіріп алуды.",
                   "Шешімді алимент өндіріп алу бөлігінде дереу орындауға жіберуді."],
            "ru": ["Взыскать с ответчика (____________, дата рождения ______) в мою "
                   "пользу алименты на содержание несовершеннолетнего ____________ (имя, "
                   "дата рождения) в твёрдой денежной сумме ____ МРП (на день подачи иска "
                   "____________ тенге) ежемесячно, начиная со дня подачи иска и до "
                   "совершеннолетия ребёнка.",
                   "Обратить решение к немедленному исполнению в части взыскания "
                   "алиментов."],
            "en": ["To order the defendant (____________, born ______) to pay me monthly "
                   "support for the minor ____________ (name, date of birth) in a fixed "
                   "sum of ____ MRP (____________ KZT on the day of filing), from the day "
                   "this claim is filed until the child comes of age.",
                   "To make the judgment immediately enforceable as regards child "
                   "support."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Баланың туу туралы куәлігінің көшірмесі;",
                   "Баланы асырауға арналған шығыстардың есебі;",
                   "Жауапкердің табысы тұрақсыз екенін растайтын құжаттар (бар болса);",
                   "Тұрғылықты жері туралы мекенжай анықтамасы;",
                   "Талапкердің жеке басын куәландыратын құжаттың көшірмесі."],
            "ru": ["Копия иска для ответчика;",
                   "Копия свидетельства о рождении ребёнка;",
                   "Расчёт расходов на содержание ребёнка;",
                   "Документы о нерегулярном доходе ответчика (при наличии);",
                   "Адресная справка о месте жительства;",
                   "Копия документа, удостоверяющего личность истца."],
            "en": ["A copy of the claim for the defendant;",
                   "A copy of the child's birth certificate;",
                   "A calculation of the child's expenses;",
                   "Documents showing the defendant's irregular income (if any);",
                   "Certificate of registered address;",
                   "A copy of the plaintiff's identity document."],
        },
    },
    # -------------------------------------------------------- paternity-alimony
    {
        "slug": "paternity-alimony",
        "category": "family",
        "title": T("Әкелікті анықтау және алимент өндіріп алу туралы талап қою",
                   "Иск об установлении отцовства и взыскании алиментов",
                   "Claim to establish paternity and recover child support"),
        "description": T(
            "Ата-ана некеде тұрмаса және әкесі әкелікті өз еркімен мойындамаса "
            "беріледі. Сот кез келген дәлелдемені, соның ішінде генетикалық сараптаманы "
            "ескереді.",
            "Подаётся, если родители ребёнка не состоят в браке и отец не признаёт "
            "отцовство добровольно. Суд учитывает любые доказательства, в том числе "
            "генетическую экспертизу.",
            "Filed when the parents are not married and the father does not acknowledge "
            "paternity voluntarily. The court considers any evidence, including a DNA "
            "test."),
        "parties": [("plaintiff", "person"), ("defendant", "person_opt")],
        "extra": [FEE_AMOUNT],
        "body": {
            "kk": [
                "Мен жауапкермен 20__ жылдан 20__ жылға дейін некені тіркемей бірге "
                "тұрдым, біз ортақ шаруашылық жүргіздік.",
                "20__ жылғы «___» ____________ ____________ (баланың аты-жөні) дүниеге "
                "келді. Баланың туу туралы акт жазбасында әкесі туралы мәліметтер менің "
                "өтінішім бойынша жазылған / сызықша қойылған (қажеттісінің астын "
                "сызыңыз).",
                "Жауапкер азаматтық хал актілерін тіркеу органына бірлескен өтініш "
                "беруден бас тартады. Баланың жауапкерден шыққанын мыналар растайды: "
                "____________ (бірге тұру, хат алмасу, куәлардың айғақтары, генетикалық "
                "сараптама қорытындысы).",
                "Жауапкер баланы асырауға көмектеспейді. Оның жұмыс орны және табысы: "
                "____________.",
                "«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасының "
                "Кодексіне сәйкес бір-бірімен некеде тұрмаған ата-анадан бала туылса және "
                "олардың бірлескен өтініші болмаса, баланың әкесінен шығуы сот тәртібімен "
                "анықталады. Сот баланың белгілі бір адамнан шыққанын сенімді түрде "
                "растайтын кез келген дәлелдемені назарға алады. Әкелік анықталған кезде "
                "алимент талап қою берілген күннен бастап өндіріп алынады.",
            ],
            "ru": [
                "С 20__ по 20__ год я проживал(а) с ответчиком без регистрации брака, "
                "мы вели общее хозяйство.",
                "«___» ____________ 20__ г. родился(лась) ____________ (имя ребёнка). В "
                "актовой записи о рождении сведения об отце записаны с моих слов / стоит "
                "прочерк (нужное подчеркнуть).",
                "Ответчик отказывается подать совместное заявление в орган регистрации "
                "актов гражданского состояния. Происхождение ребёнка от ответчика "
                "подтверждается: ____________ (совместное проживание, переписка, "
                "показания свидетелей, заключение генетической экспертизы).",
                "Ответчик не участвует в содержании ребёнка. Место работы и доход "
                "ответчика: ____________.",
                "Согласно Кодексу Республики Казахстан «О браке (супружестве) и семье» "
                "при рождении ребёнка у родителей, не состоящих в браке, и при отсутствии "
                "их совместного заявления происхождение ребёнка от отца устанавливается в "
                "судебном порядке. Суд принимает во внимание любые доказательства, "
                "достоверно подтверждающие происхождение ребёнка от конкретного лица. При "
                "установлении отцовства алименты взыскиваются со дня подачи иска.",
            ],
            "en": [
                "From 20__ to 20__ I lived with the defendant without registering a "
                "marriage; we shared a household.",
                "On ___ ____________ 20__ our child ____________ (name) was born. In the "
                "birth record the father's details were entered at my request / left "
                "blank (underline as appropriate).",
                "The defendant refuses to file a joint application with the registry "
                "office. The defendant's paternity is shown by: ____________ (living "
                "together, correspondence, witness statements, a DNA test report).",
                "The defendant does not support the child. The defendant's employer and "
                "income: ____________.",
                "Under the Code of the Republic of Kazakhstan on Marriage (Matrimony) and "
                "Family, where a child is born to unmarried parents and they have not "
                "filed a joint application, paternity is established by the court. The "
                "court takes into account any evidence that reliably shows the child's "
                "descent from a particular person. Once paternity is established, child "
                "support is payable from the day the claim was filed.",
            ],
        },
        "requests": {
            "kk": ["Жауапкердің (____________, туған күні ______) 20__ жылғы «___» "
                   "____________ туған ____________ (баланың аты-жөні) әкесі екенін "
                   "анықтауды.",
                   "Заңды күшіне енген шешімді баланың туу туралы акт жазбасына әкесі "
                   "туралы мәліметтерді енгізу үшін азаматтық хал актілерін тіркеу "
                   "органына жіберуді.",
                   "Жауапкерден менің пайдама баланы асырауға барлық жалақысының және "
                   "(немесе) өзге табысының 1/4 бөлігі мөлшерінде алиментті талап қою "
                   "берілген күннен бастап бала кәмелетке толғанға дейін ай сайын өндіріп "
                   "алуды.",
                   "Қажет болса, іс бойынша молекулалық-генетикалық сараптама "
                   "тағайындауды."],
            "ru": ["Установить, что ответчик (____________, дата рождения ______) "
                   "является отцом ____________ (имя ребёнка), родившегося(ейся) «___» "
                   "____________ 20__ г.",
                   "Направить вступившее в законную силу решение в орган регистрации "
                   "актов гражданского состояния для внесения сведений об отце в актовую "
                   "запись о рождении ребёнка.",
                   "Взыскать с ответчика в мою пользу алименты на содержание ребёнка в "
                   "размере 1/4 части всех видов заработка и (или) иного дохода "
                   "ежемесячно, начиная со дня подачи иска и до совершеннолетия ребёнка.",
                   "При необходимости назначить по делу молекулярно-генетическую "
                   "экспертизу."],
            "en": ["To establish that the defendant (____________, born ______) is the "
                   "father of ____________ (child's name), born on ___ ____________ 20__.",
                   "To send the final judgment to the registry office so that the "
                   "father's details are entered in the child's birth record.",
                   "To order the defendant to pay me monthly child support of 1/4 of all "
                   "wages and (or) other income, from the day this claim is filed until "
                   "the child comes of age.",
                   "If necessary, to order a DNA (molecular genetic) examination."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Баланың туу туралы куәлігінің көшірмесі;",
                   "Бірге тұрғанын және баланың жауапкерден шыққанын растайтын "
                   "дәлелдемелер (фотосуреттер, хат алмасу, куәлардың тізімі);",
                   "Тұрғылықты жері туралы мекенжай анықтамасы;",
                   "Талапкердің жеке басын куәландыратын құжаттың көшірмесі."],
            "ru": ["Копия иска для ответчика;",
                   "Копия свидетельства о рождении ребёнка;",
                   "Доказательства совместного проживания и происхождения ребёнка от "
                   "ответчика (фотографии, переписка, список свидетелей);",
                   "Адресная справка о месте жительства;",
                   "Копия документа, удостоверяющего личность истца."],
            "en": ["A copy of the claim for the defendant;",
                   "A copy of the child's birth certificate;",
                   "Evidence of living together and of the child's descent from the "
                   "defendant (photos, correspondence, list of witnesses);",
                   "Certificate of registered address;",
                   "A copy of the plaintiff's identity document."],
        },
    },
    # ---------------------------------------------------------- child-residence
    {
        "slug": "child-residence",
        "category": "family",
        "title": T("Баланың тұрғылықты жерін анықтау туралы талап қою",
                   "Иск об определении места жительства ребёнка",
                   "Claim to determine a child's place of residence"),
        "description": T(
            "Ата-аналар бөлек тұрып, бала кіммен тұратынын келісе алмаса, сот баланың "
            "мүддесін, жасын және пікірін ескеріп шешеді. Іске қорғаншылық және "
            "қамқоршылық органы қатысады.",
            "Если родители живут раздельно и не договорились, с кем будет жить ребёнок, "
            "суд решает исходя из интересов ребёнка, с учётом его возраста и мнения. В "
            "деле участвует орган опеки и попечительства.",
            "When parents live apart and cannot agree where the child will live, the "
            "court decides in the child's best interests, taking into account the "
            "child's age and views. The guardianship authority takes part."),
        "parties": [("plaintiff", "person"), ("defendant", "person_opt")],
        "extra": [FEE_05],
        "body": {
            "kk": [
                "Мен жауапкермен некеде тұрамын / тұрдым (некені бұзу туралы шешім 20__ "
                "жылғы «___» ____________ шығарылған). Бізде кәмелетке толмаған бала "
                "(балалар) бар: ____________ (аты-жөні, туған күні).",
                "20__ жылғы «___» ____________ бастап біз бөлек тұрамыз. Қазір бала "
                "____________ (кіммен және қай мекенжайда) тұрады. Баланың қайда "
                "тұратыны туралы келісімге келе алмадық.",
                "Менде баланы тәрбиелеуге және дамытуға қажетті жағдай бар: ____________ "
                "(тұрғын үй, табыс, жұмыс кестесі, мектептің немесе балабақшаның "
                "жақындығы, туыстардың көмегі). Бала маған бауыр басқан: ____________.",
                "«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасының "
                "Кодексіне сәйкес ата-аналар бөлек тұрған кезде баланың тұрғылықты жері "
                "олардың келісімімен белгіленеді, ал келісім болмаса, дауды сот баланың "
                "мүддесін негізге ала отырып және оның пікірін ескере отырып шешеді. Сот "
                "баланың әр ата-анасына және бауырларына бауыр басуын, жасын, ата-ананың "
                "адамгершілік және өзге де жеке қасиеттерін, баланы тәрбиелеуге және "
                "дамытуға жағдай жасау мүмкіндігін ескереді.",
            ],
            "ru": [
                "Я состою / состоял(а) в браке с ответчиком (решение о расторжении брака "
                "вынесено «___» ____________ 20__ г.). У нас есть несовершеннолетний "
                "ребёнок (дети): ____________ (имя, дата рождения).",
                "С «___» ____________ 20__ г. мы проживаем раздельно. Сейчас ребёнок "
                "живёт ____________ (с кем и по какому адресу). Договориться о месте "
                "жительства ребёнка мы не смогли.",
                "У меня есть условия для воспитания и развития ребёнка: ____________ "
                "(жильё, доход, график работы, близость школы или детского сада, помощь "
                "родственников). Ребёнок привязан ко мне: ____________.",
                "Согласно Кодексу Республики Казахстан «О браке (супружестве) и семье» "
                "место жительства детей при раздельном проживании родителей "
                "устанавливается соглашением родителей, а при его отсутствии спор "
                "разрешается судом исходя из интересов детей и с учётом их мнения. Суд "
                "учитывает привязанность ребёнка к каждому из родителей, братьям и "
                "сёстрам, возраст ребёнка, нравственные и иные личные качества родителей, "
                "возможность создать ребёнку условия для воспитания и развития.",
            ],
            "en": [
                "I am / was married to the defendant (the divorce judgment was given on "
                "___ ____________ 20__). We have a minor child (children): ____________ "
                "(name, date of birth).",
                "Since ___ ____________ 20__ we have lived apart. The child now lives "
                "____________ (with whom and at what address). We have not been able to "
                "agree where the child should live.",
                "I can provide the conditions for the child's upbringing and development: "
                "____________ (housing, income, working hours, nearby school or "
                "kindergarten, help from relatives). The child is attached to me: "
                "____________.",
                "Under the Code of the Republic of Kazakhstan on Marriage (Matrimony) and "
                "Family, when parents live apart the child's place of residence is set "
                "by their agreement; without an agreement the court decides in the "
                "child's interests and taking the child's views into account. The court "
                "considers the child's attachment to each parent and to brothers and "
                "sisters, the child's age, the parents' moral and other personal "
                "qualities, and their ability to provide for the child's upbringing and "
                "development.",
            ],
        },
        "requests": {
            "kk": ["Кәмелетке толмаған ____________ (аты-жөні, туған күні) тұрғылықты "
                   "жерін менімен бірге, мына мекенжай бойынша анықтауды: ____________.",
                   "Іске қорғаншылық және қамқоршылық органы ретінде ____________ "
                   "(мысалы, Ақтау қаласының білім бөлімі) тартуды."],
            "ru": ["Определить место жительства несовершеннолетнего ____________ (имя, "
                   "дата рождения) с истцом по адресу: ____________.",
                   "Привлечь к участию в деле орган опеки и попечительства ____________ "
                   "(например, отдел образования города Актау)."],
            "en": ["To determine that the minor ____________ (name, date of birth) shall "
                   "live with the plaintiff at: ____________.",
                   "To involve ____________ (e.g. the Aktau city education department) "
                   "in the case as the guardianship authority."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Баланың (балалардың) туу туралы куәлігінің көшірмесі;",
                   "Неке қию (бұзу) туралы куәліктің көшірмесі;",
                   "Тұрғын үйге құқықты растайтын құжат;",
                   "Табыс туралы анықтама және жұмыс орнынан мінездеме;",
                   "Мектептің немесе балабақшаның мінездемесі (бар болса);",
                   "Мемлекеттік бажды (0,5 АЕК) төлегенін растайтын құжат."],
            "ru": ["Копия иска для ответчика;",
                   "Копия свидетельства о рождении ребёнка (детей);",
                   "Копия свидетельства о заключении (расторжении) брака;",
                   "Документ о праве на жильё;",
                   "Справка о доходах и характеристика с места работы;",
                   "Характеристика из школы или детского сада (при наличии);",
                   "Документ об уплате государственной пошлины (0,5 МРП)."],
            "en": ["A copy of the claim for the defendant;",
                   "A copy of the child's (children's) birth certificate;",
                   "A copy of the marriage (divorce) certificate;",
                   "A document on the right to the home;",
                   "Proof of income and a reference from the employer;",
                   "A reference from the school or kindergarten (if any);",
                   "Proof of payment of the state fee (0.5 MRP)."],
        },
    },
    # ------------------------------------------------------- property-division
    {
        "slug": "property-division",
        "category": "family",
        "title": T("Ерлі-зайыптылардың мүлкін бөлу туралы талап қою",
                   "Иск о разделе имущества супругов",
                   "Claim for division of spouses' property"),
        "description": T(
            "Неке кезінде жинаған мүлік ерлі-зайыптылардың ортақ бірлескен меншігі "
            "және, әдетте, тең бөлінеді. Мемлекеттік баж — мүлік құнының 1%-ы.",
            "Имущество, нажитое в браке, — общая совместная собственность супругов; при "
            "разделе доли, как правило, равны. Госпошлина — 1 % стоимости имущества.",
            "Property acquired during the marriage is the spouses' joint property and "
            "is normally divided equally. State fee: 1% of the property value."),
        "parties": [("plaintiff", "person"), ("defendant", "person_opt")],
        "extra": [PRICE, FEE_AMOUNT],
        "body": {
            "kk": [
                "Мен жауапкермен 20__ жылғы «___» ____________ некеге тұрдым. Неке 20__ "
                "жылғы «___» ____________ бұзылды / бұзылған жоқ (қажеттісінің астын "
                "сызыңыз).",
                "Неке кезінде біз мынадай мүлік жинадық: ____________ (мүліктің атауы, "
                "мекенжайы немесе сипаттамасы, құны). Мүліктің жалпы құны ____________ "
                "теңге.",
                "Неке шарты жасалған жоқ. Мүлікті бөлу туралы ерікті келісімге қол "
                "жеткізілмеді: ____________ (себептері).",
                "«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасының "
                "Кодексіне сәйкес неке кезінде жиналған мүлік ерлі-зайыптылардың ортақ "
                "бірлескен меншігі болып табылады. Ортақ мүлікті бөлу неке кезінде де, "
                "ол бұзылғаннан кейін де жүргізілуі мүмкін; ерлі-зайыптылардың шартында "
                "өзгеше көзделмесе, олардың үлестері тең деп танылады. Неке бұзылғаннан "
                "кейін мүлікті бөлу туралы талаптарға үш жылдық талап қою мерзімі "
                "қолданылады.",
            ],
            "ru": [
                "«___» ____________ 20__ г. я вступил(а) в брак с ответчиком. Брак "
                "расторгнут «___» ____________ 20__ г. / не расторгнут (нужное "
                "подчеркнуть).",
                "В период брака нами нажито имущество: ____________ (наименование, адрес "
                "или описание, стоимость). Общая стоимость имущества — ____________ "
                "тенге.",
                "Брачный договор не заключался. Добровольно договориться о разделе "
                "имущества не удалось: ____________ (причины).",
                "Согласно Кодексу Республики Казахстан «О браке (супружестве) и семье» "
                "имущество, нажитое супругами во время брака, является их общей "
                "совместной собственностью. Раздел общего имущества может быть произведён "
                "как в период брака, так и после его расторжения; доли супругов "
                "признаются равными, если иное не предусмотрено договором между ними. К "
                "требованиям о разделе имущества после расторжения брака применяется "
                "трёхлетний срок исковой давности.",
            ],
            "en": [
                "I married the defendant on ___ ____________ 20__. The marriage was "
                "dissolved on ___ ____________ 20__ / has not been dissolved (underline "
                "as appropriate).",
                "During the marriage we acquired: ____________ (item, address or "
                "description, value). The total value of the property is ____________ "
                "KZT.",
                "No marriage contract was made. We have not been able to agree on the "
                "division: ____________ (reasons).",
                "Under the Code of the Republic of Kazakhstan on Marriage (Matrimony) and "
                "Family, property acquired by the spouses during the marriage is their "
                "joint property. It may be divided during the marriage or after the "
                "divorce; the spouses' shares are equal unless their agreement provides "
                "otherwise. Claims to divide property after a divorce are subject to a "
                "three-year limitation period.",
            ],
        },
        "requests": {
            "kk": ["Ерлі-зайыптылардың ортақ бірлескен мүлкін бөлуді, менің және "
                   "жауапкердің үлестерін тең деп тануды.",
                   "Менің меншігіме ____________ (мүлік, құны ____________ теңге) бөліп "
                   "беруді.",
                   "Жауапкердің меншігіне ____________ (мүлік, құны ____________ теңге) "
                   "бөліп беруді.",
                   "Қажет болса, үлестердің теңсіздігі үшін жауапкерден менің пайдама "
                   "____________ теңге өтемақы өндіріп алуды.",
                   "Жауапкерден менің пайдама мемлекеттік баж бойынша шығыстарды өндіріп "
                   "алуды."],
            "ru": ["Разделить общее совместное имущество супругов, признав доли истца и "
                   "ответчика равными.",
                   "Выделить в собственность истца: ____________ (имущество, стоимость "
                   "____________ тенге).",
                   "Выделить в собственность ответчика: ____________ (имущество, "
                   "стоимость ____________ тенге).",
                   "При необходимости взыскать с ответчика в пользу истца компенсацию за "
                   "неравенство долей в сумме ____________ тенге.",
                   "Взыскать с ответчика расходы по уплате государственной пошлины."],
            "en": ["To divide the spouses' joint property, recognising the shares of the "
                   "plaintiff and the defendant as equal.",
                   "To allocate to the plaintiff: ____________ (item, value "
                   "____________ KZT).",
                   "To allocate to the defendant: ____________ (item, value "
                   "____________ KZT).",
                   "If necessary, to order the defendant to pay the plaintiff "
                   "____________ KZT to equalise the shares.",
                   "To order the defendant to reimburse the state fee."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Неке қию (бұзу) туралы куәліктің көшірмесі;",
                   "Мүлікке құқық белгілейтін құжаттардың көшірмелері;",
                   "Мүліктің құнын растайтын құжаттар (бағалау есебі);",
                   "Мемлекеттік бажды төлегенін растайтын құжат;",
                   "Талапкердің жеке басын куәландыратын құжаттың көшірмесі."],
            "ru": ["Копия иска для ответчика;",
                   "Копия свидетельства о заключении (расторжении) брака;",
                   "Копии правоустанавливающих документов на имущество;",
                   "Документы о стоимости имущества (отчёт об оценке);",
                   "Документ об уплате государственной пошлины;",
                   "Копия документа, удостоверяющего личность истца."],
            "en": ["A copy of the claim for the defendant;",
                   "A copy of the marriage (divorce) certificate;",
                   "Copies of the title documents for the property;",
                   "Documents on the value of the property (valuation report);",
                   "Proof of payment of the state fee;",
                   "A copy of the plaintiff's identity document."],
        },
    },
    # ------------------------------------------------------------ debt-recovery
    {
        "slug": "debt-recovery",
        "category": "debt",
        "title": T("Берешекті өндіріп алу туралы талап қою", "Иск о взыскании задолженности",
                   "Claim for recovery of a debt"),
        "description": T(
            "Қарыз алушы ақшаны келісілген мерзімде қайтармаса беріледі. Дәлелдеме — "
            "шарт, қолхат, аударым туралы құжаттар. Талап даусыз болса, сот бұйрығы "
            "туралы арыз беруге де болады.",
            "Подаётся, если заёмщик не вернул деньги в срок. Доказательства — договор, "
            "расписка, документы о переводе. Если требование бесспорно, можно подать "
            "заявление о вынесении судебного приказа.",
            "Filed when a borrower does not repay on time. Evidence: a contract, a "
            "receipt, transfer records. If the claim is undisputed, you may apply for a "
            "court order instead."),
        "parties": [("plaintiff", "any"), ("defendant", "any")],
        "extra": [PRICE, FEE_AMOUNT],
        "body": {
            "kk": [
                "20__ жылғы «___» ____________ мен жауапкерге ____________ теңге ақшаны "
                "20__ жылғы «___» ____________ дейінгі мерзімге қарызға бердім, бұл "
                "____________ (қарыз шартымен, қолхатпен, банктік аударыммен) расталады.",
                "Жауапкер белгіленген мерзімде қарызды қайтармады / ішінара ____________ "
                "теңге қайтарды. 20__ жылғы «___» ____________ жіберілген жазбаша "
                "талабыма (претензияма) жауап бермеді / бас тартты.",
                "Берешек сомасы ____________ теңге, оның ішінде негізгі борыш — "
                "____________ теңге, сыйақы (тұрақсыздық айыбы) — ____________ теңге. "
                "Есеп қоса беріледі.",
                "Қазақстан Республикасының Азаматтық кодексіне сәйкес міндеттемелер "
                "тиісінше орындалуға тиіс, міндеттемені орындаудан біржақты бас тартуға "
                "жол берілмейді. Қарыз алушы алған сомасын шартта көзделген мерзімде "
                "және тәртіппен қайтаруға міндетті; ақшалай міндеттемені орындамағаны "
                "немесе кешіктіргені үшін борышкер заңда және шартта көзделген "
                "жауаптылықта болады.",
            ],
            "ru": [
                "«___» ____________ 20__ г. я передал(а) ответчику в долг ____________ "
                "тенге на срок до «___» ____________ 20__ г., что подтверждается "
                "____________ (договором займа, распиской, банковским переводом).",
                "В установленный срок ответчик долг не вернул / вернул частично в сумме "
                "____________ тенге. На мою письменную претензию от «___» ____________ "
                "20__ г. не ответил / ответил отказом.",
                "Сумма задолженности составляет ____________ тенге, в том числе основной "
                "долг — ____________ тенге, вознаграждение (неустойка) — ____________ "
                "тенге. Расчёт прилагается.",
                "Согласно Гражданскому кодексу Республики Казахстан обязательства должны "
                "исполняться надлежащим образом, односторонний отказ от исполнения "
                "обязательства не допускается. Заёмщик обязан вернуть сумму займа в срок "
                "и в порядке, предусмотренные договором; за неисполнение или просрочку "
                "денежного обязательства должник несёт ответственность, установленную "
                "законом и договором.",
            ],
            "en": [
                "On ___ ____________ 20__ I lent the defendant ____________ KZT until "
                "___ ____________ 20__, as shown by ____________ (a loan agreement, a "
                "receipt, a bank transfer).",
                "The defendant did not repay the loan on time / repaid only ____________ "
                "KZT. My written demand of ___ ____________ 20__ was left unanswered / "
                "was refused.",
                "The debt amounts to ____________ KZT: principal ____________ KZT, "
                "interest (penalty) ____________ KZT. A calculation is attached.",
                "Under the Civil Code of the Republic of Kazakhstan, obligations must be "
                "performed properly and may not be refused unilaterally. A borrower must "
                "repay the loan in the time and manner set by the contract; for failure "
                "to pay, or late payment, the debtor bears the liability set by law and "
                "by the contract.",
            ],
        },
        "requests": {
            "kk": ["Жауапкерден менің пайдама ____________ теңге берешекті, оның ішінде "
                   "____________ теңге негізгі борышты және ____________ теңге сыйақыны "
                   "(тұрақсыздық айыбын) өндіріп алуды.",
                   "Жауапкерден менің пайдама сот шығыстарын: мемлекеттік баж "
                   "____________ теңге және өкілдің көмегіне ақы ____________ теңге "
                   "өндіріп алуды."],
            "ru": ["Взыскать с ответчика в мою пользу задолженность в сумме ____________ "
                   "тенге, в том числе основной долг ____________ тенге и вознаграждение "
                   "(неустойку) ____________ тенге.",
                   "Взыскать с ответчика судебные расходы: государственную пошлину "
                   "____________ тенге и расходы на оплату помощи представителя "
                   "____________ тенге."],
            "en": ["To order the defendant to pay me ____________ KZT, including "
                   "principal of ____________ KZT and interest (penalty) of ____________ "
                   "KZT.",
                   "To order the defendant to pay my legal costs: the state fee of "
                   "____________ KZT and representation costs of ____________ KZT."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Қарыз шартының немесе қолхаттың көшірмесі;",
                   "Ақша беруді (аударуды) растайтын құжаттар;",
                   "Берешектің есебі;",
                   "Жазбаша талаптың (претензияның) көшірмесі және оның жіберілгенін "
                   "растайтын құжат;",
                   "Мемлекеттік бажды төлегенін растайтын құжат."],
            "ru": ["Копия иска для ответчика;",
                   "Копия договора займа или расписки;",
                   "Документы о передаче (переводе) денег;",
                   "Расчёт задолженности;",
                   "Копия претензии и документ о её направлении;",
                   "Документ об уплате государственной пошлины."],
            "en": ["A copy of the claim for the defendant;",
                   "A copy of the loan agreement or receipt;",
                   "Documents showing the money was handed over (transferred);",
                   "A calculation of the debt;",
                   "A copy of the written demand and proof it was sent;",
                   "Proof of payment of the state fee."],
        },
    },
    # ------------------------------------------------------------- moral-damage
    {
        "slug": "moral-damage",
        "category": "debt",
        "title": T("Моральдық зиянды өтеу туралы талап қою",
                   "Иск о компенсации морального вреда",
                   "Claim for compensation of moral damage"),
        "description": T(
            "Ар-намыс, қадір-қасиет, денсаулық, жеке өмірге қол сұқпаушылық сияқты жеке "
            "мүліктік емес игіліктер бұзылғанда беріледі. Өтемақы мөлшерін сот "
            "анықтайды.",
            "Подаётся при нарушении личных неимущественных благ — чести, достоинства, "
            "здоровья, неприкосновенности частной жизни. Размер компенсации определяет "
            "суд.",
            "Filed when personal non-property rights are violated — honour, dignity, "
            "health, privacy. The court decides the amount of compensation."),
        "parties": [("plaintiff", "person"), ("defendant", "any")],
        "extra": [T("Өтемақы сомасы: " + SHORT + " теңге",
                    "Сумма компенсации: " + SHORT + " тенге",
                    "Compensation sought: " + SHORT + " KZT"), FEE_AMOUNT],
        "body": {
            "kk": [
                "20__ жылғы «___» ____________ жауапкер ____________ (не болғанын "
                "сипаттаңыз: ар-намысыма нұқсан келтіретін мәліметтер таратты, "
                "денсаулығыма зиян келтірді, жеке өміріме қол сұқты және т.б.).",
                "Жауапкердің әрекеттері маған адамгершілік және тән азабын келтірді: "
                "____________ (уайым, ұйқының бұзылуы, емделу, жұмыс қабілетінің "
                "төмендеуі және т.б.). Бұл ____________ (медициналық құжаттармен, "
                "куәлардың айғақтарымен, жазбалармен) расталады.",
                "Келтірілген моральдық зиянды ____________ теңгеге бағалаймын, себебі "
                "____________ (азаптың сипаты, ауырлығы және салдары).",
                "Қазақстан Республикасының Азаматтық кодексіне сәйкес моральдық зиян — "
                "жеке тұлғаның жеке мүліктік емес игіліктері мен құқықтарының бұзылуы, "
                "кемсітілуі немесе олардан айырылуы, оның ішінде жәбірленушінің басынан "
                "өткерген адамгершілік немесе тән азабы. Моральдық зиянды зиян келтіруші "
                "кінәлі болған кезде, ал заңда көзделген жағдайларда кінәсіне қарамастан "
                "өтейді. Өтемақы мөлшерін сот ақшалай нысанда, ақылға қонымдылық және "
                "әділдік талаптарын ескере отырып анықтайды.",
            ],
            "ru": [
                "«___» ____________ 20__ г. ответчик ____________ (опишите, что "
                "произошло: распространил сведения, порочащие честь, причинил вред "
                "здоровью, вмешался в частную жизнь и т. п.).",
                "Действиями ответчика мне причинены нравственные и физические "
                "страдания: ____________ (переживания, бессонница, лечение, снижение "
                "трудоспособности и т. п.). Это подтверждается ____________ "
                "(медицинскими документами, показаниями свидетелей, записями).",
                "Причинённый моральный вред оцениваю в ____________ тенге, поскольку "
                "____________ (характер, тяжесть и последствия страданий).",
                "Согласно Гражданскому кодексу Республики Казахстан моральный вред — это "
                "нарушение, умаление или лишение личных неимущественных благ и прав "
                "физического лица, в том числе нравственные или физические страдания "
                "потерпевшего. Моральный вред возмещается причинителем при наличии его "
                "вины, а в случаях, предусмотренных законом, — независимо от вины. Размер "
                "компенсации определяется судом в денежной форме с учётом требований "
                "разумности и справедливости.",
            ],
            "en": [
                "On ___ ____________ 20__ the defendant ____________ (describe what "
                "happened: spread information damaging my honour, harmed my health, "
                "intruded into my private life, etc.).",
                "The defendant's actions caused me mental and physical suffering: "
                "____________ (distress, sleeplessness, medical treatment, reduced "
                "ability to work, etc.). This is shown by ____________ (medical records, "
                "witness statements, recordings).",
                "I assess the moral damage at ____________ KZT because ____________ "
                "(nature, severity and consequences of the suffering).",
                "Under the Civil Code of the Republic of Kazakhstan, moral damage is the "
                "violation, diminution or deprivation of a person's personal non-property "
                "rights and interests, including mental or physical suffering. It is "
                "compensated by the person at fault and, where the law so provides, "
                "regardless of fault. The court sets the amount of compensation in money, "
                "guided by reasonableness and fairness.",
            ],
        },
        "requests": {
            "kk": ["Жауапкерден менің пайдама моральдық зиянды өтеу ретінде ____________ "
                   "теңге өндіріп алуды.",
                   "Жауапкерден менің пайдама сот шығыстарын өндіріп алуды."],
            "ru": ["Взыскать с ответчика в мою пользу компенсацию морального вреда в "
                   "сумме ____________ тенге.",
                   "Взыскать с ответчика судебные расходы."],
            "en": ["To order the defendant to pay me ____________ KZT as compensation "
                   "for moral damage.",
                   "To order the defendant to pay my legal costs."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Оқиғаны растайтын құжаттар (жарияланымдар, актілер, жазбалар);",
                   "Медициналық құжаттар (бар болса);",
                   "Куәлардың тізімі (аты-жөні, мекенжайы);",
                   "Мемлекеттік бажды төлегенін растайтын құжат."],
            "ru": ["Копия иска для ответчика;",
                   "Документы, подтверждающие событие (публикации, акты, записи);",
                   "Медицинские документы (при наличии);",
                   "Список свидетелей (Ф. И. О., адрес);",
                   "Документ об уплате государственной пошлины."],
            "en": ["A copy of the claim for the defendant;",
                   "Documents proving the event (publications, reports, recordings);",
                   "Medical records (if any);",
                   "List of witnesses (names, addresses);",
                   "Proof of payment of the state fee."],
        },
    },
    # ----------------------------------------------------------- wage-recovery
    {
        "slug": "wage-recovery",
        "category": "labour",
        "title": T("Жалақыны өндіріп алу туралы талап қою",
                   "Иск о взыскании заработной платы", "Claim for unpaid wages"),
        "description": T(
            "Жұмыс беруші жалақыны уақтылы немесе толық төлемесе беріледі. Еңбек "
            "даулары бойынша талапкер мемлекеттік баж төлемейді. Алдымен келісу "
            "комиссиясына жүгіну қажеттігін тексеріңіз.",
            "Подаётся, если работодатель не выплатил зарплату вовремя или полностью. "
            "По трудовым спорам истец не платит госпошлину. Проверьте, нужно ли сначала "
            "обратиться в согласительную комиссию.",
            "Filed when an employer fails to pay wages on time or in full. Employees pay "
            "no state fee in labour disputes. Check whether the dispute must first go to "
            "the conciliation commission."),
        "parties": [("plaintiff", "person"), ("defendant", "org")],
        "extra": [PRICE, FEE_EXEMPT],
        "body": {
            "kk": [
                "Мен 20__ жылғы «___» ____________ бастап ____________ (жұмыс берушінің "
                "атауы) ____________ лауазымында жұмыс істеймін (20__ жылғы «___» "
                "____________ дейін жұмыс істедім), еңбек шарты № ______. Еңбек шарты "
                "бойынша айлық жалақым ____________ теңге.",
                "Жұмыс беруші 20__ жылғы ____________ бастап 20__ жылғы ____________ "
                "дейінгі кезеңдегі жалақыны төлемеді / толық төлемеді. Берешек сомасы "
                "____________ теңге (есеп қоса беріледі).",
                "Дау келісу комиссиясында қаралды (20__ жылғы «___» ____________ № ______ "
                "шешімі орындалмады) / жұмыс берушіде келісу комиссиясы құрылмаған "
                "(қажеттісінің астын сызыңыз).",
                "Қазақстан Республикасының Еңбек кодексіне сәйкес жұмыс беруші жалақыны "
                "уақтылы және толық көлемде төлеуге міндетті; еңбек шарты тоқтатылған "
                "кезде қызметкерге тиесілі барлық сомалар заңда белгіленген мерзімде "
                "төленуге тиіс. Жалақыны кешіктіргені үшін жұмыс беруші заңда "
                "белгіленген тәртіппен жауап береді. Еңбек даулары бойынша талапкерлер "
                "мемлекеттік баж төлеуден босатылады.",
            ],
            "ru": [
                "С «___» ____________ 20__ г. я работаю (работал(а) до «___» "
                "____________ 20__ г.) в ____________ (наименование работодателя) в "
                "должности ____________, трудовой договор № ______. Заработная плата "
                "по договору — ____________ тенге в месяц.",
                "Работодатель не выплатил / выплатил не полностью заработную плату за "
                "период с ____________ 20__ г. по ____________ 20__ г. Сумма "
                "задолженности — ____________ тенге (расчёт прилагается).",
                "Спор рассматривался согласительной комиссией (решение № ______ от «___» "
                "____________ 20__ г. не исполнено) / согласительная комиссия у "
                "работодателя не создана (нужное подчеркнуть).",
                "Согласно Трудовому кодексу Республики Казахстан работодатель обязан "
                "выплачивать заработную плату своевременно и в полном объёме; при "
                "прекращении трудового договора все причитающиеся работнику суммы "
                "выплачиваются в установленный законом срок. За задержку выплаты "
                "заработной платы работодатель несёт ответственность в порядке, "
                "установленном законом. Истцы по трудовым спорам освобождаются от уплаты "
                "государственной пошлины.",
            ],
            "en": [
                "Since ___ ____________ 20__ I have worked (worked until ___ "
                "____________ 20__) at ____________ (employer) as ____________, "
                "employment contract No. ______. My monthly salary under the contract is "
                "____________ KZT.",
                "The employer has not paid / has not fully paid my wages for the period "
                "from ____________ 20__ to ____________ 20__. The arrears amount to "
                "____________ KZT (calculation attached).",
                "The dispute was heard by the conciliation commission (decision "
                "No. ______ of ___ ____________ 20__ has not been complied with) / the "
                "employer has no conciliation commission (underline as appropriate).",
                "Under the Labour Code of the Republic of Kazakhstan, an employer must pay "
                "wages on time and in full; when employment ends, all sums due to the "
                "employee must be paid within the time set by law. An employer who delays "
                "wages is liable as provided by law. Plaintiffs in labour disputes are "
                "exempt from the state fee.",
            ],
        },
        "requests": {
            "kk": ["Жауапкерден менің пайдама 20__ жылғы ____________ бастап 20__ жылғы "
                   "____________ дейінгі кезеңдегі жалақы бойынша ____________ теңге "
                   "берешекті өндіріп алуды.",
                   "Жалақыны кешіктіргені үшін ____________ теңге өсімпұл (өтемақы) "
                   "өндіріп алуды.",
                   "Шешімді үш айлық жалақыны өндіріп алу бөлігінде дереу орындауға "
                   "жіберуді."],
            "ru": ["Взыскать с ответчика в мою пользу задолженность по заработной плате "
                   "за период с ____________ 20__ г. по ____________ 20__ г. в сумме "
                   "____________ тенге.",
                   "Взыскать пеню (компенсацию) за задержку выплаты заработной платы в "
                   "сумме ____________ тенге.",
                   "Обратить решение к немедленному исполнению в части взыскания "
                   "заработной платы за три месяца."],
            "en": ["To order the defendant to pay me wage arrears for the period from "
                   "____________ 20__ to ____________ 20__ in the amount of "
                   "____________ KZT.",
                   "To order a penalty (compensation) for late payment of wages of "
                   "____________ KZT.",
                   "To make the judgment immediately enforceable as regards three "
                   "months' wages."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Еңбек шартының көшірмесі;",
                   "Жұмысқа қабылдау (жұмыстан шығару) туралы бұйрықтың көшірмесі;",
                   "Жалақы бойынша берешек туралы анықтама немесе есеп айырысу "
                   "парақтары;",
                   "БЖЗҚ-дан зейнетақы жарналары туралы үзінді көшірме;",
                   "Келісу комиссиясының шешімі (бар болса);",
                   "Берешектің есебі."],
            "ru": ["Копия иска для ответчика;",
                   "Копия трудового договора;",
                   "Копия приказа о приёме на работу (об увольнении);",
                   "Справка о задолженности по заработной плате или расчётные листки;",
                   "Выписка ЕНПФ о пенсионных взносах;",
                   "Решение согласительной комиссии (при наличии);",
                   "Расчёт задолженности."],
            "en": ["A copy of the claim for the defendant;",
                   "A copy of the employment contract;",
                   "A copy of the hiring (dismissal) order;",
                   "A statement of wage arrears or payslips;",
                   "A statement of pension contributions from the Unified Accumulative "
                   "Pension Fund (UAPF);",
                   "The conciliation commission's decision (if any);",
                   "A calculation of the arrears."],
        },
    },
    # ------------------------------------------------------------ reinstatement
    {
        "slug": "reinstatement",
        "category": "labour",
        "title": T("Жұмысқа қайта орналастыру туралы талап қою",
                   "Иск о восстановлении на работе", "Claim for reinstatement at work"),
        "description": T(
            "Заңсыз жұмыстан шығарылған қызметкер жұмыстан шығару туралы актінің "
            "көшірмесін алған күннен бастап бір ай ішінде жүгінеді. Мемлекеттік баж "
            "төленбейді.",
            "Работник, уволенный незаконно, обращается в течение одного месяца со дня "
            "получения копии акта об увольнении. Госпошлина не уплачивается.",
            "An unlawfully dismissed employee must apply within one month of receiving "
            "a copy of the dismissal order. No state fee is payable."),
        "parties": [("plaintiff", "person"), ("defendant", "org")],
        "extra": [FEE_EXEMPT],
        "body": {
            "kk": [
                "Мен 20__ жылғы «___» ____________ бастап ____________ (жұмыс берушінің "
                "атауы) ____________ лауазымында жұмыс істедім, еңбек шарты № ______.",
                "Жұмыс берушінің 20__ жылғы «___» ____________ № ______ бұйрығымен "
                "____________ (Еңбек кодексінің бабы мен тармақшасы көрсетілген негіз) "
                "бойынша жұмыстан шығарылдым. Бұйрықтың көшірмесін 20__ жылғы «___» "
                "____________ алдым.",
                "Жұмыстан шығаруды заңсыз деп санаймын, себебі ____________ (шығаруға "
                "негіз болмады; шығару тәртібі бұзылды; уақытша еңбекке жарамсыздық "
                "немесе демалыс кезінде шығарылдым және т.б.).",
                "Дау келісу комиссиясында қаралды (20__ жылғы «___» ____________ № ______ "
                "шешімі) / келісу комиссиясы құрылмаған (қажеттісінің астын сызыңыз). "
                "Менің орташа күндік жалақым ____________ теңге.",
                "Қазақстан Республикасының Еңбек кодексіне сәйкес жұмыс берушінің "
                "бастамасы бойынша еңбек шартын тоқтатуға Кодексте көзделген негіздер "
                "бойынша және тәртіппен ғана жол беріледі. Жұмыстан шығару заңсыз деп "
                "танылса, қызметкер бұрынғы жұмысына қайта орналастырылады және оған "
                "мәжбүрлі жүрмеген уақыт үшін орташа жалақы төленеді. Еңбек даулары "
                "бойынша талапкерлер мемлекеттік баж төлеуден босатылады.",
            ],
            "ru": [
                "С «___» ____________ 20__ г. я работал(а) в ____________ (наименование "
                "работодателя) в должности ____________, трудовой договор № ______.",
                "Приказом работодателя № ______ от «___» ____________ 20__ г. я уволен(а) "
                "по основанию ____________ (статья и подпункт Трудового кодекса). Копию "
                "приказа получил(а) «___» ____________ 20__ г.",
                "Считаю увольнение незаконным, поскольку ____________ (не было оснований "
                "для увольнения; нарушен порядок увольнения; уволен(а) в период временной "
                "нетрудоспособности или отпуска и т. п.).",
                "Спор рассматривался согласительной комиссией (решение № ______ от «___» "
                "____________ 20__ г.) / согласительная комиссия не создана (нужное "
                "подчеркнуть). Мой среднедневной заработок — ____________ тенге.",
                "Согласно Трудовому кодексу Республики Казахстан прекращение трудового "
                "договора по инициативе работодателя допускается только по основаниям и "
                "в порядке, предусмотренным Кодексом. При признании увольнения "
                "незаконным работник восстанавливается на прежней работе с выплатой "
                "среднего заработка за время вынужденного прогула. Истцы по трудовым "
                "спорам освобождаются от уплаты государственной пошлины.",
            ],
            "en": [
                "From ___ ____________ 20__ I worked at ____________ (employer) as "
                "____________, employment contract No. ______.",
                "By the employer's order No. ______ of ___ ____________ 20__ I was "
                "dismissed on the ground of ____________ (article and subparagraph of the "
                "Labour Code). I received a copy of the order on ___ ____________ 20__.",
                "I consider the dismissal unlawful because ____________ (there were no "
                "grounds; the dismissal procedure was breached; I was dismissed while on "
                "sick leave or on holiday, etc.).",
                "The dispute was heard by the conciliation commission (decision "
                "No. ______ of ___ ____________ 20__) / there is no conciliation "
                "commission (underline as appropriate). My average daily earnings are "
                "____________ KZT.",
                "Under the Labour Code of the Republic of Kazakhstan, an employer may end "
                "an employment contract only on the grounds and in the manner set by the "
                "Code. If a dismissal is found unlawful, the employee is reinstated in "
                "the former job and paid average earnings for the period of enforced "
                "absence. Plaintiffs in labour disputes are exempt from the state fee.",
            ],
        },
        "requests": {
            "kk": ["Жұмыс берушінің 20__ жылғы «___» ____________ № ______ жұмыстан "
                   "шығару туралы бұйрығын заңсыз деп тануды және оның күшін жоюды.",
                   "Мені ____________ (жұмыс берушінің атауы) ____________ лауазымына "
                   "қайта орналастыруды.",
                   "Жауапкерден менің пайдама 20__ жылғы «___» ____________ бастап "
                   "жұмысқа қайта орналастырылған күнге дейінгі мәжбүрлі жүрмеген уақыт "
                   "үшін орташа жалақыны өндіріп алуды.",
                   "Шешімді жұмысқа қайта орналастыру бөлігінде дереу орындауға "
                   "жіберуді."],
            "ru": ["Признать незаконным и отменить приказ работодателя № ______ от «___» "
                   "____________ 20__ г. об увольнении.",
                   "Восстановить меня на работе в ____________ (наименование "
                   "работодателя) в должности ____________.",
                   "Взыскать с ответчика в мою пользу средний заработок за время "
                   "вынужденного прогула с «___» ____________ 20__ г. по день "
                   "восстановления на работе.",
                   "Обратить решение к немедленному исполнению в части восстановления на "
                   "работе."],
            "en": ["To declare unlawful and set aside the employer's dismissal order "
                   "No. ______ of ___ ____________ 20__.",
                   "To reinstate me at ____________ (employer) as ____________.",
                   "To order the defendant to pay me average earnings for the enforced "
                   "absence from ___ ____________ 20__ until the day of reinstatement.",
                   "To make the judgment immediately enforceable as regards "
                   "reinstatement."],
        },
        "attachments": {
            "kk": ["Талап қоюдың жауапкерге арналған көшірмесі;",
                   "Еңбек шартының көшірмесі;",
                   "Жұмыстан шығару туралы бұйрықтың көшірмесі;",
                   "Жұмыстан шығару тәртібіне қатысты құжаттар (ескертулер, "
                   "түсініктемелер, актілер);",
                   "Орташа жалақы туралы анықтама;",
                   "Келісу комиссиясының шешімі (бар болса)."],
            "ru": ["Копия иска для ответчика;",
                   "Копия трудового договора;",
                   "Копия приказа об увольнении;",
                   "Документы о порядке увольнения (уведомления, объяснения, акты);",
                   "Справка о среднем заработке;",
                   "Решение согласительной комиссии (при наличии)."],
            "en": ["A copy of the claim for the defendant;",
                   "A copy of the employment contract;",
                   "A copy of the dismissal order;",
                   "Documents on the dismissal procedure (notices, explanations, "
                   "reports);",
                   "A statement of average earnings;",
                   "The conciliation commission's decision (if any)."],
        },
    },
    # --------------------------------------------------------------- legal-fact
    {
        "slug": "legal-fact",
        "category": "special",
        "title": T("Заңдық маңызы бар фактіні анықтау туралы арыз",
                   "Заявление об установлении факта, имеющего юридическое значение",
                   "Application to establish a fact of legal significance"),
        "description": T(
            "Туыстық қатынасты, асырауда болуды, құжаттың тиесілілігін, мұраны "
            "қабылдауды және басқа фактілерді анықтау үшін, егер оларды өзге тәртіппен "
            "растау мүмкін болмаса. Баж — 0,5 АЕК.",
            "Для установления родственных отношений, нахождения на иждивении, "
            "принадлежности документа, принятия наследства и других фактов, если их "
            "нельзя подтвердить иначе. Госпошлина — 0,5 МРП.",
            "To establish family relationship, dependency, ownership of a document, "
            "acceptance of an inheritance and other facts that cannot be proved "
            "otherwise. State fee: 0.5 MRP."),
        "parties": [("applicant", "person"), ("interested", "any")],
        "extra": [FEE_05],
        "mediation": False,
        "body": {
            "kk": [
                "Мен ____________ фактісін (мысалы: туыстық қатынас, асырауда болу, құқық "
                "белгілейтін құжаттың тиесілілігі, мұраны қабылдау) анықтау туралы "
                "арызбен жүгінемін.",
                "Мән-жайлар: ____________ (фактіні растайтын оқиғаларды, күндерді, "
                "құжаттарды көрсетіңіз).",
                "Бұл фактіні анықтау маған ____________ (мұраны ресімдеу, зейнетақы "
                "немесе жәрдемақы тағайындау, құжаттарды қалпына келтіру және т.б.) үшін "
                "қажет.",
                "Фактіні растайтын тиісті құжаттарды соттан тыс тәртіппен алу немесе "
                "қалпына келтіру мүмкін емес, себебі ____________ (мемлекеттік органның "
                "20__ жылғы «___» ____________ № ______ жауабы қоса беріледі). Құқық "
                "туралы дау жоқ.",
                "Қазақстан Республикасының Азаматтық процестік кодексіне сәйкес сот "
                "жеке тұлғалар мен ұйымдардың жеке немесе мүліктік құқықтарының "
                "туындауы, өзгеруі немесе тоқтатылуы байланысты болатын фактілерді, егер "
                "арыз берушінің оларды куәландыратын тиісті құжаттарды өзге тәртіппен "
                "алуға немесе қалпына келтіруге мүмкіндігі болмаса, ерекше іс жүргізу "
                "тәртібімен анықтайды. Құқық туралы дау болса, іс талап қою тәртібімен "
                "қаралады.",
            ],
            "ru": [
                "Я обращаюсь с заявлением об установлении факта ____________ (например: "
                "родственных отношений, нахождения на иждивении, принадлежности "
                "правоустанавливающего документа, принятия наследства).",
                "Обстоятельства: ____________ (укажите события, даты и документы, "
                "которые подтверждают факт).",
                "Установление факта необходимо мне для ____________ (оформления "
                "наследства, назначения пенсии или пособия, восстановления документов и "
                "т. п.).",
                "Получить или восстановить надлежащие документы, удостоверяющие этот "
                "факт, во внесудебном порядке невозможно, поскольку ____________ (ответ "
                "государственного органа № ______ от «___» ____________ 20__ г. "
                "прилагается). Спора о праве нет.",
                "Согласно Гражданскому процессуальному кодексу Республики Казахстан суд "
                "в порядке особого производства устанавливает факты, от которых зависит "
                "возникновение, изменение или прекращение личных или имущественных прав "
                "физических лиц и организаций, если заявитель не имеет другой "
                "возможности получить или восстановить надлежащие документы, "
                "удостоверяющие эти факты. При наличии спора о праве дело "
                "рассматривается в исковом порядке.",
            ],
            "en": [
                "I apply to establish the fact of ____________ (for example: a family "
                "relationship, being a dependant, ownership of a title document, "
                "acceptance of an inheritance).",
                "Circumstances: ____________ (state the events, dates and documents that "
                "prove the fact).",
                "I need the fact established in order to ____________ (register an "
                "inheritance, obtain a pension or benefit, restore documents, etc.).",
                "The proper documents proving this fact cannot be obtained or restored "
                "out of court because ____________ (reply of the state body No. ______ "
                "of ___ ____________ 20__ attached). There is no dispute about rights.",
                "Under the Civil Procedure Code of the Republic of Kazakhstan, the court "
                "establishes, in special proceedings, facts on which the creation, change "
                "or termination of personal or property rights of individuals and "
                "organisations depends, if the applicant has no other way to obtain or "
                "restore the proper documents. If there is a dispute about rights, the "
                "case is heard as a claim.",
            ],
        },
        "requests": {
            "kk": ["____________ (фактінің толық тұжырымы) фактісін анықтауды."],
            "ru": ["Установить факт ____________ (точная формулировка факта)."],
            "en": ["To establish the fact that ____________ (exact wording of the "
                   "fact)."],
        },
        "attachments": {
            "kk": ["Арыздың мүдделі тұлғаларға арналған көшірмелері;",
                   "Фактіні растайтын құжаттар;",
                   "Құжатты беруден бас тарту туралы мемлекеттік органның жауабы;",
                   "Куәлардың тізімі (аты-жөні, мекенжайы);",
                   "Мемлекеттік бажды (0,5 АЕК) төлегенін растайтын құжат."],
            "ru": ["Копии заявления для заинтересованных лиц;",
                   "Документы, подтверждающие факт;",
                   "Ответ государственного органа об отказе в выдаче документа;",
                   "Список свидетелей (Ф. И. О., адрес);",
                   "Документ об уплате государственной пошлины (0,5 МРП)."],
            "en": ["Copies of the application for the interested parties;",
                   "Documents proving the fact;",
                   "The state body's reply refusing to issue the document;",
                   "List of witnesses (names, addresses);",
                   "Proof of payment of the state fee (0.5 MRP)."],
        },
    },
    # ------------------------------------------------------ settlement-agreement
    {
        "slug": "settlement-agreement",
        "category": "reconciliation",
        "title": T("Татуласу келісімі", "Мировое соглашение", "Settlement agreement"),
        "description": T(
            "Тараптар дауды өзара келісіммен аяқтайды: сот келісімді бекітеді, іс "
            "тоқтатылады, төленген баж заңда белгіленген тәртіппен қайтарылады. Бекітілген "
            "келісім сот шешімі сияқты орындалады.",
            "Стороны завершают спор по взаимному согласию: суд утверждает соглашение, "
            "дело прекращается, госпошлина возвращается в установленном порядке. "
            "Утверждённое соглашение исполняется как решение суда.",
            "The parties end the dispute by agreement: the court approves it, the case "
            "is closed and the state fee is refunded as provided by law. An approved "
            "agreement is enforced like a judgment."),
        "court": "case",
        "parties": [("plaintiff", "person"), ("defendant", "any")],
        "extra": [],
        "mediation": False,
        "ask": T("Жоғарыда баяндалғанның негізінде СҰРАЙМЫЗ:",
                 "На основании изложенного ПРОСИМ СУД:",
                 "On these grounds WE ASK THE COURT:"),
        "signatures": "both",
        "body": {
            "kk": [
                "Біз, төменде қол қоюшылар, талапкер ____________ және жауапкер "
                "____________, Ақтау қалалық сотының іс жүргізуіндегі ____________ "
                "туралы № ______ азаматтық іс бойынша тараптар, дауды реттеу мақсатында "
                "осы татуласу келісімін мынадай шарттармен жасастық:",
                "1) Жауапкер ____________ (20__ жылғы «___» ____________ дейін "
                "талапкерге ____________ теңге төлеуге / ____________ беруге / "
                "____________ жасауға) міндеттенеді.",
                "2) Талапкер жауапкерге қойған талаптарының қалған бөлігінен бас тартады.",
                "3) Сот шығыстарын ____________ (тараптар өздері көтереді / былай "
                "бөлінеді: ____________).",
                "4) Татуласу келісімін бекітудің және іс бойынша іс жүргізуді тоқтатудың "
                "Қазақстан Республикасының Азаматтық процестік кодексінде көзделген "
                "салдары тараптарға түсіндірілді және түсінікті: сол тараптар "
                "арасындағы, сол нысана туралы және сол негіздер бойынша дау бойынша "
                "сотқа қайта жүгінуге жол берілмейді; келісім ерікті түрде орындалмаса, "
                "ол мәжбүрлеп орындалады.",
                "5) Келісім үш данада жасалды: әр тарапқа бір данадан және сотқа бір "
                "дана.",
            ],
            "ru": [
                "Мы, нижеподписавшиеся, истец ____________ и ответчик ____________, "
                "стороны по гражданскому делу № ______ о ____________, находящемуся в "
                "производстве Актауского городского суда, в целях урегулирования спора "
                "заключили настоящее мировое соглашение на следующих условиях:",
                "1) Ответчик обязуется ____________ (уплатить истцу ____________ тенге "
                "в срок до «___» ____________ 20__ г. / передать ____________ / "
                "совершить ____________).",
                "2) Истец отказывается от остальной части исковых требований к ответчику.",
                "3) Судебные расходы ____________ (стороны несут самостоятельно / "
                "распределяются так: ____________).",
                "4) Последствия утверждения мирового соглашения и прекращения "
                "производства по делу, предусмотренные Гражданским процессуальным "
                "кодексом Республики Казахстан, сторонам разъяснены и понятны: повторное "
                "обращение в суд по спору между теми же сторонами, о том же предмете и "
                "по тем же основаниям не допускается; если соглашение не исполняется "
                "добровольно, оно подлежит принудительному исполнению.",
                "5) Соглашение составлено в трёх экземплярах: по одному для каждой "
                "стороны и один для суда.",
            ],
            "en": [
                "We, the undersigned, plaintiff ____________ and defendant ____________, "
                "parties to civil case No. ______ concerning ____________ pending before "
                "the Aktau City Court, have made this settlement agreement to resolve "
                "the dispute on the following terms:",
                "1) The defendant undertakes to ____________ (pay the plaintiff "
                "____________ KZT by ___ ____________ 20__ / hand over ____________ / "
                "do ____________).",
                "2) The plaintiff waives the remaining claims against the defendant.",
                "3) Legal costs ____________ (are borne by each party / are shared as "
                "follows: ____________).",
                "4) The consequences of approving the settlement and closing the case "
                "under the Civil Procedure Code of the Republic of Kazakhstan have been "
                "explained to and are understood by the parties: the same dispute between "
                "the same parties, on the same subject and grounds, cannot be brought to "
                "court again; if the agreement is not performed voluntarily, it will be "
                "enforced.",
                "5) This agreement is made in three copies: one for each party and one "
                "for the court.",
            ],
        },
        "requests": {
            "kk": ["Татуласу келісімін бекітуді және іс бойынша іс жүргізуді тоқтатуды.",
                   "Төленген мемлекеттік бажды талапкерге салық заңнамасында белгіленген "
                   "тәртіппен қайтаруды."],
            "ru": ["Утвердить мировое соглашение и прекратить производство по делу.",
                   "Возвратить истцу уплаченную государственную пошлину в порядке, "
                   "установленном налоговым законодательством."],
            "en": ["To approve the settlement agreement and close the proceedings.",
                   "To refund the state fee paid by the plaintiff as provided by tax "
                   "law."],
        },
        "attachments": {
            "kk": ["Тараптар өкілдерінің өкілеттігін растайтын құжаттар (бар болса)."],
            "ru": ["Документы, подтверждающие полномочия представителей сторон (при "
                   "наличии)."],
            "en": ["Documents confirming the authority of the parties' representatives "
                   "(if any)."],
        },
    },
    # -------------------------------------------------------------- court-order
    {
        "slug": "court-order",
        "category": "order",
        "title": T("Сот бұйрығын шығару туралы арыз",
                   "Заявление о вынесении судебного приказа",
                   "Application for a court order"),
        "description": T(
            "Даусыз талаптар бойынша (жазбаша мәміле, есептелген, бірақ төленбеген "
            "жалақы және т.б.) сот тараптарды шақырмай бұйрық шығарады. Баж — талап қою "
            "бойынша мөлшерлеменің 50%-ы.",
            "По бесспорным требованиям (письменная сделка, начисленная, но не "
            "выплаченная зарплата и др.) суд выносит приказ без вызова сторон. "
            "Госпошлина — 50 % от ставки по иску.",
            "For undisputed claims (a written transaction, wages accrued but not paid, "
            "etc.) the court issues an order without summoning the parties. State fee: "
            "50% of the rate for a claim."),
        "parties": [("creditor", "any"), ("debtor", "any")],
        "extra": [T("Өндіріп алынатын сома: " + SHORT + " теңге",
                    "Сумма взыскания: " + SHORT + " тенге",
                    "Amount to be recovered: " + SHORT + " KZT"),
                  T("Мемлекеттік баж: " + SHORT + " теңге (талап қою бойынша "
                    "мөлшерлеменің 50%-ы)",
                    "Государственная пошлина: " + SHORT + " тенге (50 % от ставки по "
                    "иску)",
                    "State fee: " + SHORT + " KZT (50% of the rate for a claim)")],
        "mediation": False,
        "body": {
            "kk": [
                "Борышкердің маған ____________ (қарыз шарты, қолхат, тауар жеткізу "
                "шарты және т.б.; күні, нөмірі) негізінде ____________ теңге берешегі "
                "бар.",
                "Міндеттемені орындау мерзімі 20__ жылғы «___» ____________ келді, алайда "
                "борышкер міндеттемені орындамады. Талап жазбаша нысанда жасалған "
                "мәмілеге негізделген және дау туғызбайды.",
                "Берешектің есебі: ____________.",
                "Қазақстан Республикасының Азаматтық процестік кодексіне сәйкес заңда "
                "көрсетілген даусыз талаптар бойынша сот тараптарды шақырмай және сот "
                "талқылауын өткізбей сот бұйрығын шығарады. Борышкер белгіленген мерзімде "
                "қарсылығын беруге құқылы; бұл жағдайда сот бұйрығының күші жойылады, ал "
                "өндіріп алушы талап қою тәртібімен жүгіне алады.",
            ],
            "ru": [
                "Должник имеет передо мной задолженность в размере ____________ тенге на "
                "основании ____________ (договор займа, расписка, договор поставки и "
                "т. п.; дата, номер).",
                "Срок исполнения обязательства наступил «___» ____________ 20__ г., "
                "однако должник его не исполнил. Требование основано на сделке, "
                "совершённой в письменной форме, и является бесспорным.",
                "Расчёт задолженности: ____________.",
                "Согласно Гражданскому процессуальному кодексу Республики Казахстан по "
                "бесспорным требованиям, перечисленным в законе, суд выносит судебный "
                "приказ без вызова сторон и без судебного разбирательства. Должник "
                "вправе в установленный срок представить возражения; в этом случае "
                "судебный приказ отменяется, а взыскатель может предъявить иск.",
            ],
            "en": [
                "The debtor owes me ____________ KZT under ____________ (a loan "
                "agreement, a receipt, a supply contract, etc.; date, number).",
                "The obligation fell due on ___ ____________ 20__, but the debtor has "
                "not performed it. The claim is based on a written transaction and is "
                "undisputed.",
                "Calculation of the debt: ____________.",
                "Under the Civil Procedure Code of the Republic of Kazakhstan, for the "
                "undisputed claims listed in the law the court issues a court order "
                "without summoning the parties or holding a hearing. The debtor may "
                "object within the set time limit; the order is then cancelled and the "
                "creditor may file a claim.",
            ],
        },
        "requests": {
            "kk": ["Борышкерден менің пайдама ____________ теңге берешекті және "
                   "____________ теңге мемлекеттік баж бойынша шығыстарды өндіріп алу "
                   "туралы сот бұйрығын шығаруды."],
            "ru": ["Вынести судебный приказ о взыскании с должника в мою пользу "
                   "задолженности в сумме ____________ тенге и расходов по уплате "
                   "государственной пошлины в сумме ____________ тенге."],
            "en": ["To issue a court order for the debtor to pay me a debt of "
                   "____________ KZT and the state fee of ____________ KZT."],
        },
        "attachments": {
            "kk": ["Арыздың борышкерге арналған көшірмесі;",
                   "Талап негізделген мәміленің (шарттың, қолхаттың) көшірмесі;",
                   "Берешектің есебі;",
                   "Борышкерге жіберілген талаптың көшірмесі (бар болса);",
                   "Мемлекеттік бажды төлегенін растайтын құжат."],
            "ru": ["Копия заявления для должника;",
                   "Копия сделки (договора, расписки), на которой основано требование;",
                   "Расчёт задолженности;",
                   "Копия требования, направленного должнику (при наличии);",
                   "Документ об уплате государственной пошлины."],
            "en": ["A copy of the application for the debtor;",
                   "A copy of the transaction (contract, receipt) the claim is based on;",
                   "A calculation of the debt;",
                   "A copy of the demand sent to the debtor (if any);",
                   "Proof of payment of the state fee."],
        },
    },
    # ------------------------------------------------------------------- appeal
    {
        "slug": "appeal",
        "category": "appeal",
        "title": T("Апелляциялық шағым", "Апелляционная жалоба", "Appeal"),
        "description": T(
            "Бірінші сатыдағы соттың заңды күшіне енбеген шешіміне заңда белгіленген "
            "мерзімде шешім шығарған сот арқылы беріледі. Мүліктік дау бойынша баж — "
            "бірінші сатыдағы мөлшерлеменің 50%-ы.",
            "Подаётся на не вступившее в законную силу решение суда первой инстанции в "
            "установленный законом срок через суд, вынесший решение. По имущественным "
            "спорам госпошлина — 50 % от ставки первой инстанции.",
            "Filed against a first-instance judgment that has not yet taken effect, "
            "within the time limit set by law, through the court that gave it. In "
            "property disputes the fee is 50% of the first-instance rate."),
        "court": "appeal",
        "parties": [("appellant", "any"), ("other", "list")],
        "extra": [T("Мемлекеттік баж: " + SHORT + " теңге (бірінші сатыдағы "
                    "мөлшерлеменің 50%-ы)",
                    "Государственная пошлина: " + SHORT + " тенге (50 % от ставки "
                    "первой инстанции)",
                    "State fee: " + SHORT + " KZT (50% of the first-instance rate)")],
        "mediation": False,
        "body": {
            "kk": [
                "Ақтау қалалық сотының 20__ жылғы «___» ____________ шешімімен № ______ "
                "азаматтық іс бойынша (талапкер — ____________, жауапкер — "
                "____________, дау нысанасы — ____________) мынадай шешім шығарылды: "
                "____________.",
                "Шешіммен келіспеймін, оны заңсыз және негізсіз деп санаймын, себебі: "
                "____________ (іс үшін маңызы бар мән-жайлар дұрыс анықталмаған; сот "
                "анықталды деп санаған мән-жайлар дәлелденбеген; соттың тұжырымдары "
                "істің мән-жайларына сәйкес келмейді; материалдық немесе процестік құқық "
                "нормалары бұзылған не дұрыс қолданылмаған).",
                "Жаңа дәлелдемелер: ____________ (оларды бірінші сатыдағы сотқа неліктен "
                "ұсыну мүмкін болмағанын көрсетіңіз) / ұсынылмайды.",
                "Шешімнің көшірмесін 20__ жылғы «___» ____________ алдым; апелляциялық "
                "шағым беру мерзімі өткізілген жоқ.",
                "Қазақстан Республикасының Азаматтық процестік кодексіне сәйкес тараптар "
                "мен іске қатысушы басқа да тұлғалар бірінші сатыдағы соттың заңды "
                "күшіне енбеген шешіміне апелляциялық тәртіппен шағым жасауға құқылы. "
                "Апелляциялық шағым шешім шығарған сот арқылы беріледі. Мүліктік дау "
                "бойынша мемлекеттік баж талап қою кезінде төленетін мөлшерлеменің 50 "
                "пайызы мөлшерінде, даулы сомадан есептеліп төленеді.",
            ],
            "ru": [
                "Решением Актауского городского суда от «___» ____________ 20__ г. по "
                "гражданскому делу № ______ (истец — ____________, ответчик — "
                "____________, предмет спора — ____________) постановлено: "
                "____________.",
                "С решением не согласен(на), считаю его незаконным и необоснованным, "
                "поскольку: ____________ (неправильно определены обстоятельства, "
                "имеющие значение для дела; не доказаны обстоятельства, которые суд "
                "посчитал установленными; выводы суда не соответствуют обстоятельствам "
                "дела; нарушены или неправильно применены нормы материального или "
                "процессуального права).",
                "Новые доказательства: ____________ (укажите, почему их нельзя было "
                "представить в суд первой инстанции) / не представляются.",
                "Копию решения получил(а) «___» ____________ 20__ г.; срок апелляционного "
                "обжалования не пропущен.",
                "Согласно Гражданскому процессуальному кодексу Республики Казахстан "
                "стороны и другие лица, участвующие в деле, вправе обжаловать в "
                "апелляционном порядке решение суда первой инстанции, не вступившее в "
                "законную силу. Апелляционная жалоба подаётся через суд, вынесший "
                "решение. По имущественным спорам государственная пошлина уплачивается "
                "в размере 50 процентов от ставки, уплачиваемой при подаче иска, исходя "
                "из оспариваемой суммы.",
            ],
            "en": [
                "By its judgment of ___ ____________ 20__ in civil case No. ______ "
                "(plaintiff: ____________, defendant: ____________, subject of the "
                "dispute: ____________) the Aktau City Court decided: ____________.",
                "I disagree with the judgment and consider it unlawful and unfounded "
                "because: ____________ (the circumstances relevant to the case were "
                "wrongly determined; circumstances the court considered established were "
                "not proved; the court's conclusions do not match the facts; rules of "
                "substantive or procedural law were breached or wrongly applied).",
                "New evidence: ____________ (state why it could not be submitted to the "
                "first-instance court) / none.",
                "I received a copy of the judgment on ___ ____________ 20__; the time "
                "limit for appeal has not expired.",
                "Under the Civil Procedure Code of the Republic of Kazakhstan, the "
                "parties and other persons taking part in the case may appeal against a "
                "first-instance judgment that has not yet taken legal effect. The appeal "
                "is filed through the court that gave the judgment. In property disputes "
                "the state fee is 50 percent of the rate payable on the claim, calculated "
                "on the amount in dispute.",
            ],
        },
        "requests": {
            "kk": ["Ақтау қалалық сотының 20__ жылғы «___» ____________ № ______ іс "
                   "бойынша шешімінің күшін жоюды (шешімді өзгертуді) және жаңа шешім "
                   "шығаруды: ____________.",
                   "Шағымды менің қатысуыммен, қажет болса бейнеконференцбайланыс арқылы "
                   "қарауды."],
            "ru": ["Отменить (изменить) решение Актауского городского суда от «___» "
                   "____________ 20__ г. по делу № ______ и вынести новое решение: "
                   "____________.",
                   "Рассмотреть жалобу с моим участием, при необходимости — с "
                   "использованием видеоконференцсвязи."],
            "en": ["To set aside (amend) the judgment of the Aktau City Court of ___ "
                   "____________ 20__ in case No. ______ and give a new judgment: "
                   "____________.",
                   "To hear the appeal with my participation, by video link if "
                   "necessary."],
        },
        "attachments": {
            "kk": ["Шағымның іске қатысушы тұлғалардың санына қарай көшірмелері;",
                   "Мемлекеттік бажды төлегенін растайтын құжат;",
                   "Өкілдің өкілеттігін растайтын сенімхат (шағымды өкіл берсе);",
                   "Жаңа дәлелдемелер (бар болса)."],
            "ru": ["Копии жалобы по числу лиц, участвующих в деле;",
                   "Документ об уплате государственной пошлины;",
                   "Доверенность представителя (если жалобу подаёт представитель);",
                   "Новые доказательства (при наличии)."],
            "en": ["Copies of the appeal for each party to the case;",
                   "Proof of payment of the state fee;",
                   "Power of attorney (if the appeal is filed by a representative);",
                   "New evidence (if any)."],
        },
    },
]

APPELLANT_STATUS = T(
    "(іс бойынша: талапкер / жауапкер / үшінші тұлға — қажеттісінің астын сызыңыз)",
    "(по делу: истец / ответчик / третье лицо — нужное подчеркнуть)",
    "(in the case: plaintiff / defendant / third party — underline as appropriate)")
OTHER_PARTIES_HINT = T("(аты-жөні немесе атауы, мекенжайы)", "(Ф. И. О. или наименование, адрес)",
                       "(names, addresses)")
CASE_LINE = T("№ ______ азаматтық іс бойынша", "по гражданскому делу № ______",
              "Civil case No. ______")

# ---------------------------------------------------------------------------
# Settings, MRP, fee rules
# ---------------------------------------------------------------------------
SETTINGS = {
    "court_name": REGIONAL_COURT,
    "court_address": T(
        "130000, Маңғыстау облысы, Ақтау қаласы, 14-шағын аудан, 1-ғимарат",
        "130000, Мангистауская область, г. Актау, 14-й микрорайон, здание 1",
        "Building 1, 14th Microdistrict, Aktau 130000, Mangystau Region"),
    "court_phones": ["+7 7292 50-10-20", "+7 7292 50-10-21"],
    "court_email": "mng@sud.kz",
    "court_website": "https://mng.sud.kz",
    "timezone": "Asia/Aqtau",
    "public_base_url": "http://127.0.0.1:8000",
    "idle_timeout_s": 90,
    "idle_warning_s": 30,
    "default_language": "kk",
}

MRP = [{"year": 2024, "value": 3692}, {"year": 2025, "value": 3932},
       {"year": 2026, "value": 4325}]

TAX_REF_RATES = T("ҚР Салық кодексі (2026): сотқа төленетін мемлекеттік баж мөлшерлемелері",
                  "Налоговый кодекс РК (2026): ставки государственной пошлины в суды",
                  "Tax Code of the RK (2026): state fee rates for courts")
TAX_REF_EXEMPT = T("ҚР Салық кодексі (2026): сотқа төленетін мемлекеттік баждан босату",
                   "Налоговый кодекс РК (2026): освобождение от государственной пошлины в судах",
                   "Tax Code of the RK (2026): exemptions from the court state fee")


def fee_rule(code, claim_kind, applicant, title, note, *, legal_ref=TAX_REF_RATES,
             percent=None, mrp=None, cap_mrp=None, min_mrp=None, base_rule=None,
             factor=None, exempt=False, valid_from="2026-01-01", valid_to=None):
    return {"code": code, "claim_kind": claim_kind, "applicant": applicant,
            "title": title, "note": note, "legal_ref": legal_ref,
            "percent": percent, "mrp": mrp, "cap_mrp": cap_mrp, "min_mrp": min_mrp,
            "base_rule": base_rule, "factor": factor, "exempt": exempt,
            "valid_from": valid_from, "valid_to": valid_to}


FEE_RULES = [
    fee_rule("property-individual", "property", "individual",
             T("Мүліктік талап қою — жеке тұлға", "Имущественный иск — физическое лицо",
               "Property claim — individual"),
             T("Талап қою бағасының 1%-ы, бірақ 10 000 АЕК-тен аспайды.",
               "1 % от цены иска, но не более 10 000 МРП.",
               "1% of the claim amount, but not more than 10,000 MRP."),
             percent=1.0, cap_mrp=10000),
    fee_rule("property-legal", "property", "legal_entity",
             T("Мүліктік талап қою — заңды тұлға", "Имущественный иск — юридическое лицо",
               "Property claim — legal entity"),
             T("Талап қою бағасының 3%-ы, бірақ 20 000 АЕК-тен аспайды.",
               "3 % от цены иска, но не более 20 000 МРП.",
               "3% of the claim amount, but not more than 20,000 MRP."),
             percent=3.0, cap_mrp=20000),
    fee_rule("non-property-individual", "non_property", "individual",
             T("Мүліктік емес талап қою — жеке тұлға",
               "Неимущественный иск — физическое лицо",
               "Non-property claim — individual"),
             T("0,5 АЕК. Мысалы, баланың тұрғылықты жерін анықтау туралы талап қою.",
               "0,5 МРП. Например, иск об определении места жительства ребёнка.",
               "0.5 MRP. For example, a claim about where a child will live."),
             mrp=0.5),
    fee_rule("non-property-legal", "non_property", "legal_entity",
             T("Мүліктік емес талап қою — заңды тұлға",
               "Неимущественный иск — юридическое лицо",
               "Non-property claim — legal entity"),
             T("5 АЕК.", "5 МРП.", "5 MRP."),
             mrp=5),
    fee_rule("divorce", "divorce", "any",
             T("Некені бұзу", "Расторжение брака", "Divorce"),
             T("0,3 АЕК. Мүлікті бөлу талабы қоса қойылса, «Некені бұзу және мүлікті "
               "бөлу» мөлшерлемесін таңдаңыз.",
               "0,3 МРП. Если одновременно заявлен раздел имущества, выберите "
               "«Расторжение брака с разделом имущества».",
               "0.3 MRP. If division of property is claimed as well, choose \"Divorce "
               "with division of property\"."),
             mrp=0.3),
    fee_rule("divorce-property", "divorce", "any",
             T("Некені бұзу және мүлікті бөлу", "Расторжение брака с разделом имущества",
               "Divorce with division of property"),
             T("0,3 АЕК және бөлінетін мүлік құнының 1%-ы. Сома ретінде мүліктің құнын "
               "енгізіңіз.",
               "0,3 МРП плюс 1 % от стоимости делимого имущества. В качестве суммы "
               "введите стоимость имущества.",
               "0.3 MRP plus 1% of the value of the property to be divided. Enter the "
               "property value as the amount."),
             mrp=0.3, percent=1.0),
    fee_rule("state-body-individual", "state_body", "individual",
             T("Мемлекеттік органның әрекетіне шағым — жеке тұлға",
               "Жалоба на действия государственного органа — физическое лицо",
               "Complaint against a state body — individual"),
             T("0,3 АЕК.", "0,3 МРП.", "0.3 MRP."),
             mrp=0.3),
    fee_rule("state-body-legal", "state_body", "legal_entity",
             T("Мемлекеттік органның әрекетіне шағым — заңды тұлға",
               "Жалоба на действия государственного органа — юридическое лицо",
               "Complaint against a state body — legal entity"),
             T("5 АЕК.", "5 МРП.", "5 MRP."),
             mrp=5),
    fee_rule("special-proceedings", "special", "any",
             T("Ерекше іс жүргізу арызы", "Заявление по делам особого производства",
               "Special proceedings application"),
             T("0,5 АЕК. Мысалы, заңдық маңызы бар фактіні анықтау туралы арыз.",
               "0,5 МРП. Например, заявление об установлении факта, имеющего "
               "юридическое значение.",
               "0.5 MRP. For example, an application to establish a fact of legal "
               "significance."),
             mrp=0.5),
    fee_rule("appeal-property-individual", "appeal", "individual",
             T("Апелляциялық шағым (мүліктік дау) — жеке тұлға",
               "Апелляционная жалоба (имущественный спор) — физическое лицо",
               "Appeal (property dispute) — individual"),
             T("Бірінші сатыда төленетін баждың 50%-ы; даулы сомадан есептеледі.",
               "50 % от пошлины, уплачиваемой в первой инстанции; исчисляется от "
               "оспариваемой суммы.",
               "50% of the first-instance fee, calculated on the amount in dispute."),
             base_rule="property-individual", factor=0.5),
    fee_rule("appeal-property-legal", "appeal", "legal_entity",
             T("Апелляциялық шағым (мүліктік дау) — заңды тұлға",
               "Апелляционная жалоба (имущественный спор) — юридическое лицо",
               "Appeal (property dispute) — legal entity"),
             T("Бірінші сатыда төленетін баждың 50%-ы; даулы сомадан есептеледі.",
               "50 % от пошлины, уплачиваемой в первой инстанции; исчисляется от "
               "оспариваемой суммы.",
               "50% of the first-instance fee, calculated on the amount in dispute."),
             base_rule="property-legal", factor=0.5),
    fee_rule("court-order-individual", "court_order", "individual",
             T("Сот бұйрығын шығару туралы арыз — жеке тұлға",
               "Заявление о вынесении судебного приказа — физическое лицо",
               "Application for a court order — individual"),
             T("Мүліктік талап қою бойынша мөлшерлеменің 50%-ы; өндіріп алынатын "
               "сомадан есептеледі.",
               "50 % от ставки по имущественному иску; исчисляется от суммы взыскания.",
               "50% of the rate for a property claim, calculated on the amount "
               "claimed."),
             base_rule="property-individual", factor=0.5),
    fee_rule("court-order-legal", "court_order", "legal_entity",
             T("Сот бұйрығын шығару туралы арыз — заңды тұлға",
               "Заявление о вынесении судебного приказа — юридическое лицо",
               "Application for a court order — legal entity"),
             T("Мүліктік талап қою бойынша мөлшерлеменің 50%-ы; өндіріп алынатын "
               "сомадан есептеледі.",
               "50 % от ставки по имущественному иску; исчисляется от суммы взыскания.",
               "50% of the rate for a property claim, calculated on the amount "
               "claimed."),
             base_rule="property-legal", factor=0.5),
    fee_rule("exempt-labour", "labour", "individual",
             T("Еңбек даулары (жалақы, жұмысқа қайта орналастыру)",
               "Трудовые споры (зарплата, восстановление на работе)",
               "Labour disputes (wages, reinstatement)"),
             T("Жалақыны өндіріп алу және еңбек қатынастарынан туындайтын өзге де "
               "талаптар бойынша талапкер-қызметкерлер баж төлемейді.",
               "Работники-истцы по искам о взыскании заработной платы и другим "
               "требованиям из трудовых отношений госпошлину не платят.",
               "Employees pay no fee on claims for wages or other claims arising from "
               "employment."),
             legal_ref=TAX_REF_EXEMPT, exempt=True),
    fee_rule("exempt-alimony", "alimony", "any",
             T("Алимент өндіріп алу", "Взыскание алиментов", "Child support (alimony)"),
             T("Талапкер баж төлемейді. Талап қою бағасы — бір жылғы төлемдер сомасы.",
               "Истец госпошлину не платит. Цена иска — сумма платежей за один год.",
               "The plaintiff pays no fee. The claim value is one year of payments."),
             legal_ref=TAX_REF_EXEMPT, exempt=True),
    fee_rule("exempt-health-harm", "health_harm", "individual",
             T("Денсаулыққа келтірілген зиян, асыраушысынан айырылу",
               "Вред здоровью, потеря кормильца",
               "Harm to health, loss of a breadwinner"),
             T("Мертігу немесе денсаулыққа өзге де зақым келтіру, сондай-ақ асыраушының "
               "қайтыс болуы салдарынан келтірілген зиянды өтеу туралы талап қою "
               "бойынша талапкер баж төлемейді.",
               "Истец не платит госпошлину по искам о возмещении вреда, причинённого "
               "увечьем или иным повреждением здоровья, а также смертью кормильца.",
               "No fee for claims for damage caused by injury or other harm to health, "
               "or by the death of a breadwinner."),
             legal_ref=TAX_REF_EXEMPT, exempt=True),
    fee_rule("exempt-crime-damage", "crime_damage", "individual",
             T("Қылмыстық құқық бұзушылықпен келтірілген зиян",
               "Ущерб от уголовного правонарушения",
               "Damage caused by a criminal offence"),
             T("Қылмыстық құқық бұзушылықпен келтірілген мүліктік зиянды өтеу туралы "
               "талап қою бойынша талапкер баж төлемейді.",
               "Истец не платит госпошлину по искам о возмещении имущественного "
               "ущерба, причинённого уголовным правонарушением.",
               "No fee for claims for compensation of damage caused by a criminal "
               "offence."),
             legal_ref=TAX_REF_EXEMPT, exempt=True),
    fee_rule("exempt-authors", "authors_rights", "individual",
             T("Авторлық құқық, өнертабыс, өнеркәсіптік үлгі",
               "Авторское право, изобретения, промышленные образцы",
               "Copyright, inventions and designs"),
             T("Туындылардың, өнертабыстардың және өнеркәсіптік үлгілердің авторлары "
               "авторлық құқықтан туындайтын талаптар бойынша баж төлемейді.",
               "Авторы произведений, изобретений и промышленных образцов не платят "
               "госпошлину по искам, вытекающим из авторского права.",
               "Authors of works, inventions and industrial designs pay no fee on "
               "claims arising from their authorship."),
             legal_ref=TAX_REF_EXEMPT, exempt=True),
    fee_rule("exempt-veterans-disability", "veterans_disability", "individual",
             T("Ардагерлер және мүгедектігі бар адамдар",
               "Ветераны и лица с инвалидностью",
               "Veterans and persons with disabilities"),
             T("2025 жылғы 15 қыркүйектен бастап соғыс және ұрыс қимылдарының "
               "ардагерлері, тыл еңбеккерлері, мүгедектігі бар адамдар және мүгедектігі "
               "бар баланың ата-анасының бірі баж төлемейді.",
               "С 15 сентября 2025 года госпошлину не платят ветераны войны и боевых "
               "действий, труженики тыла, лица с инвалидностью и один из родителей "
               "ребёнка с инвалидностью.",
               "Since 15 September 2025, war and combat veterans, home-front workers, "
               "persons with disabilities and one parent of a child with a disability "
               "pay no state fee."),
             legal_ref=TAX_REF_EXEMPT, exempt=True, valid_from="2025-09-15"),
]

# ---------------------------------------------------------------------------
# Personal reception of the court leadership
# ---------------------------------------------------------------------------
CHAIR = T("Сот төрағасы", "Председатель суда", "Chair of the Court")
DEPUTY = T("Сот төрағасының орынбасары", "Заместитель председателя суда",
           "Deputy Chair of the Court")


def room(n: str) -> dict:
    return T(f"{n}-кабинет", f"кабинет {n}", f"Room {n}")


def booking(phone: str) -> dict:
    return T(f"Алдын ала жазылу: {phone} немесе office.sud.kz. Қаралып жатқан істер "
             "бойынша тек заңнама түсіндіріледі.",
             f"По предварительной записи: {phone} или office.sud.kz. По делам, "
             "находящимся в производстве, даются только разъяснения закона.",
             f"By appointment: {phone} or office.sud.kz. On pending cases, only the "
             "law is explained.")


def slot(kk_ru_name, en_name, position, court, weekday, start, end, room_no, phone):
    return {"person": T(kk_ru_name, kk_ru_name, en_name), "position": position,
            "court": court, "weekday": weekday, "start": start, "end": end,
            "room": room(room_no), "phone": phone, "booking_note": booking(phone),
            "valid_from": None, "valid_to": None}


RECEPTION = [
    slot("Серікбаев Нұрлан Асқарұлы", "Nurlan Serikbayev", CHAIR, REGIONAL_COURT,
         1, "10:00", "12:00", "301", RECEPTION_PHONE),
    slot("Әбдірахманова Гүлнар Сапарқызы", "Gulnar Abdirakhmanova", DEPUTY,
         REGIONAL_COURT, 2, "15:00", "17:00", "305", RECEPTION_PHONE),
    slot("Жұмабеков Ержан Талғатұлы", "Yerzhan Zhumabekov", DEPUTY, REGIONAL_COURT,
         3, "10:00", "12:00", "307", RECEPTION_PHONE),
    slot("Қасымова Айгүл Бақытжанқызы", "Aigul Kassymova", CHAIR, AKTAU_COURT,
         4, "11:00", "13:00", "204", "+7 7292 53-20-10"),
    slot("Өтепов Дәурен Серікұлы", "Dauren Utepov", CHAIR, ZHANAOZEN_COURT,
         5, "10:00", "12:00", "201", "+7 72934 5-15-40"),
]

# ---------------------------------------------------------------------------
# Announcements and links
# ---------------------------------------------------------------------------
ANNOUNCEMENTS = [
    {"text": T(
        "Наурыз мейрамы күндері (21–23 наурыз) жеке қабылдау өткізілмейді. Осы "
        "күндерге жазылғандар келесі жұмыс күні қабылданады. Анықтама телефоны: "
        + RECEPTION_PHONE + ".",
        "В дни праздника Наурыз (21–23 марта) личный приём не проводится. Записавшиеся "
        "на эти дни будут приняты в следующий рабочий день. Справки по телефону "
        + RECEPTION_PHONE + ".",
        "No personal reception during the Nauryz holidays (21–23 March). Visitors "
        "booked for those days will be received on the next working day. Enquiries: "
        + RECEPTION_PHONE + "."),
     "starts_at": None, "ends_at": None, "priority": 0, "emergency": False},
    {"text": T(
        "Сот отырысына үйден немесе кеңседен онлайн қатысуға болады: «Сот кабинеті» "
        "(office.sud.kz) арқылы өтініш беріп, бейнебайланысқа шақыру алыңыз.",
        "В судебном заседании можно участвовать онлайн — из дома или офиса: подайте "
        "ходатайство через «Судебный кабинет» (office.sud.kz) и получите приглашение "
        "на видеосвязь.",
        "You can join a court hearing online from home or the office: send a request "
        "via Sot kabineti (office.sud.kz) and receive a video-link invitation."),
     "starts_at": None, "ends_at": None, "priority": 0, "emergency": False},
]

LINKS = [
    {"kind": "e_service",
     "title": T("Сот кабинеті", "Судебный кабинет", "Court Cabinet (Sot kabineti)"),
     "description": T(
         "Талап қою мен шағымды онлайн беру, бажды төлеу, іс барысын қадағалау, сот "
         "отырысына онлайн қатысу",
         "Подача исков и жалоб онлайн, оплата госпошлины, отслеживание дела, "
         "онлайн-участие в заседании",
         "File claims and appeals online, pay the state fee, follow your case, join a "
         "hearing online"),
     "url": "https://office.sud.kz", "icon": "office"},
    {"kind": "e_service",
     "title": T("Қазақстан Республикасының Жоғарғы Соты",
                "Верховный Суд Республики Казахстан",
                "Supreme Court of the Republic of Kazakhstan"),
     "description": T("Сот жүйесінің ресми сайты: жаңалықтар, сот практикасы, анықтамалық "
                      "ақпарат",
                      "Официальный сайт судебной системы: новости, судебная практика, "
                      "справочная информация",
                      "Official website of the judiciary: news, case law, reference "
                      "information"),
     "url": "https://sud.gov.kz", "icon": "supreme_court"},
    {"kind": "e_service",
     "title": T("Маңғыстау облыстық сотының сайты", "Сайт Мангистауского областного суда",
                "Mangystau Regional Court website"),
     "description": T("Облыс соттары, байланыс, қабылдау кестесі, хабарландырулар",
                      "Суды области, контакты, график приёма, объявления",
                      "Courts of the region, contacts, reception schedule, announcements"),
     "url": "https://mng.sud.kz", "icon": "court"},
    {"kind": "e_service",
     "title": T("e-Өтініш", "e-Otinish", "e-Otinish"),
     "description": T("Мемлекеттік органдарға өтініш, шағым немесе ұсыныс жолдау",
                      "Обращения, жалобы и предложения в государственные органы",
                      "Requests, complaints and suggestions to state bodies"),
     "url": "https://eotinish.kz", "icon": "eotinish"},
    {"kind": "social", "title": T("Facebook", "Facebook", "Facebook"),
     "description": T("Сот жаңалықтары мен хабарландырулары", "Новости и объявления суда",
                      "Court news and announcements"),
     "url": "https://www.facebook.com/mngsudkz", "icon": "facebook"},
    {"kind": "social", "title": T("Instagram", "Instagram", "Instagram"),
     "description": T("Фотосуреттер мен қысқа бейнелер", "Фото и короткие видео",
                      "Photos and short videos"),
     "url": "https://www.instagram.com/mngsudkz", "icon": "instagram"},
    {"kind": "social", "title": T("Telegram", "Telegram", "Telegram"),
     "description": T("Жедел хабарландырулар мен жаңалықтар",
                      "Оперативные объявления и новости",
                      "Timely announcements and news"),
     "url": "https://t.me/mngsudkz", "icon": "telegram"},
    {"kind": "social", "title": T("YouTube", "YouTube", "YouTube"),
     "description": T("Құқықтық түсіндірмелер мен бейнероликтер",
                      "Правовые разъяснения и видеоролики",
                      "Legal explainers and videos"),
     "url": "https://www.youtube.com/@mngsudkz", "icon": "youtube"},
]

NOTES = [
    "Demo content for court-kiosk: Mangystau Regional Court. Generated by "
    "media/make_demo_media.py - edit texts there and re-run; do not edit this file "
    "by hand.",
    "Keys that start with '_' are notes for people; loaders ignore them.",
    "People's names, phone numbers, e-mail, rooms, the street address and the social "
    "media URLs are invented placeholders: replace them with the court's real data.",
    "Fee rules follow the project's domain notes. The Tax Code was renumbered in 2026, "
    "so legal_ref names the code and the topic but no article numbers: the court must "
    "check and add the article numbers, and confirm the rates for non-property claims "
    "of legal entities, special proceedings, appeals and court orders.",
    "Kazakh, Russian and English texts need review by native speakers; the English "
    "claim templates are reference translations (claims are filed in Kazakh or "
    "Russian).",
]

# ---------------------------------------------------------------------------
# Videos: title cards and fact cards
# ---------------------------------------------------------------------------
VIDEO_SECONDS = 11.0

VIDEOS = [
    {
        "name": "reconciliation",
        "title": T("Татуласу — тиімді шешім", "Примирение — выгодное решение",
                   "Reconciliation pays off"),
        "bg": ("0x0E3B3C", "0x17676A"),
        "card_title": T("Татуласу", "Примирение", "Reconciliation"),
        "card_sub": T("Медиация · Партисипативтік рәсім · Татуласу келісімі",
                      "Медиация · Партисипативная процедура · Мировое соглашение",
                      "Mediation · Participatory procedure · Settlement agreement"),
        "facts_head": T("Неге тиімді?", "Почему выгодно?", "Why it pays off"),
        "facts": [
            T("Жылдам: сот келісімді бекіткен күні іс аяқталады",
              "Быстро: дело завершается в день утверждения соглашения",
              "Faster: the case ends the day the court approves the agreement"),
            T("Үнемді: төленген мемлекеттік баж қайтарылады",
              "Выгодно: уплаченная госпошлина возвращается",
              "Cheaper: the state fee you paid is refunded"),
            T("Сенімді: келісім сот шешімі сияқты орындалады",
              "Надёжно: соглашение исполняется как решение суда",
              "Reliable: the agreement is enforced like a judgment"),
        ],
        "footer": "mng.sud.kz",
    },
    {
        "name": "e-services",
        "title": T("«Сот кабинеті»: сотқа онлайн жүгіну", "«Судебный кабинет»: суд онлайн",
                   "Sot kabineti: the court online"),
        "bg": ("0x0B2545", "0x1D4E89"),
        "card_title": T("Сот кабинеті", "Судебный кабинет", "Court Cabinet"),
        "card_sub": T("Талап қою · Мемлекеттік баж · Онлайн отырыс",
                      "Иски · Госпошлина · Онлайн-заседания",
                      "Claims · State fee · Online hearings"),
        "facts_head": T("Үйден шықпай-ақ", "Не выходя из дома", "From home"),
        "facts": [
            T("Талап қою мен шағымды онлайн беріңіз",
              "Подавайте иски и жалобы онлайн",
              "File claims and appeals online"),
            T("Мемлекеттік бажды онлайн төлеңіз",
              "Оплачивайте госпошлину онлайн",
              "Pay the state fee online"),
            T("Іс барысын бақылап, отырысқа онлайн қатысыңыз",
              "Следите за делом и участвуйте в заседании онлайн",
              "Follow your case and join hearings online"),
        ],
        "footer": "office.sud.kz",
    },
    {
        "name": "how-court-works",
        "title": T("Сот қалай жұмыс істейді", "Как работает суд", "How the court works"),
        "bg": ("0x3A1630", "0x6B2D55"),
        "card_title": T("Сот қалай жұмыс істейді", "Как работает суд",
                        "How the court works"),
        "card_sub": T("Жұмыс уақыты · Кеңсе · Жеке қабылдау",
                      "Часы работы · Канцелярия · Личный приём",
                      "Opening hours · Court office · Reception"),
        "facts_head": T("Білу керек", "Полезно знать", "Good to know"),
        "facts": [
            T("Жұмыс уақыты: дүйсенбі–жұма, 09:00–18:30",
              "Часы работы: пн–пт, 09:00–18:30",
              "Open Monday to Friday, 09:00–18:30"),
            T("Кеңсе құжаттарды 1-қабатта қабылдайды",
              "Канцелярия принимает документы на 1-м этаже",
              "The court office receives documents on the ground floor"),
            T("Жеке қабылдау — алдын ала жазылу бойынша",
              "Личный приём руководства — по предварительной записи",
              "Reception by the court's leadership is by appointment"),
        ],
        "footer": "mng.sud.kz",
    },
]


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------
DOCX_LANG = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes (reproducible bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename), compresslevel=9)
    return out.getvalue()


def _category_title(code: str, lang: str) -> str:
    for cat in CATEGORIES:
        if cat["code"] == code:
            return cat["title"][lang]
    raise KeyError(code)


def build_docx(tpl: dict, lang: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    c = COMMON[lang]
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(1.5)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    text_width = Cm(16.5)

    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), "Times New Roman")
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), DOCX_LANG[lang])
    rpr.append(lang_el)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    def para(text="", *, bold=False, italic=False, size=None, align=None, indent=None,
             first=None, before=None, after=None, color=None):
        p = doc.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold = bold
            run.italic = italic
            if size:
                run.font.size = Pt(size)
            if color:
                run.font.color.rgb = RGBColor(*color)
        pf = p.paragraph_format
        if align is not None:
            pf.alignment = align
        if indent is not None:
            pf.left_indent = indent
        if first is not None:
            pf.first_line_indent = first
        if before is not None:
            pf.space_before = Pt(before)
        if after is not None:
            pf.space_after = Pt(after)
        return p

    block = Cm(7.5)  # the address block is 9 cm wide: 21 em at 12 pt

    def field(label: str = "") -> str:
        """Label followed by underscores up to about 20 em (Times-like widths)."""
        def em(ch: str) -> float:
            if ch.isupper():
                return 0.68
            if ch.isalpha():
                return 0.48
            if ch.isdigit():
                return 0.5
            return 0.28
        used = sum(em(ch) for ch in label) + (0.25 if label else 0)
        n = max(8, int((20.0 - used) / 0.5))
        return (label + " " if label else "") + "_" * n

    # --- addressee
    court = tpl.get("court", "city")
    if court == "appeal":
        court_lines = TO_APPEAL[lang]
    else:
        court_lines = [TO_CITY_COURT[lang]]
    for line in court_lines:
        para(line, bold=True, indent=block)
    if court == "case":
        para(CASE_LINE[lang], indent=block)

    # --- parties
    for role, kind in tpl["parties"]:
        para(indent=block)
        para(ROLES[role][lang] + ":", bold=True, indent=block)
        para(field(), indent=block)
        if kind == "list":
            para(OTHER_PARTIES_HINT[lang], italic=True, size=9, indent=block)
            para(field(), indent=block)
            continue
        hint = {"person": "person_hint", "person_opt": "person_hint",
                "org": "org_hint", "any": "any_hint"}[kind]
        para(c[hint], italic=True, size=9, indent=block)
        if role == "appellant":
            para(APPELLANT_STATUS[lang], italic=True, size=9, indent=block)
        para(field(c[{"person": "iin", "person_opt": "iin_opt", "org": "bin",
                      "any": "iin_bin"}[kind]]), indent=block)
        para(field(c["legal_address" if kind == "org" else "address"]), indent=block)
        para(field(c["contacts"]), indent=block)
    if tpl["extra"]:
        para(indent=block)
        for line in tpl["extra"]:
            para(line[lang], indent=block)

    # --- heading and body
    para(tpl["title"][lang], bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER,
         before=24, after=12)
    for text in tpl["body"][lang]:
        para(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=Cm(1.25), after=6)

    ask = tpl.get("ask", None)
    para(ask[lang] if ask else c["ask"], bold=True, align=WD_ALIGN_PARAGRAPH.LEFT,
         first=Cm(1.25), before=6, after=6)
    for i, text in enumerate(tpl["requests"][lang], 1):
        para(f"{i}. {text}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=Cm(1.25), after=3)

    if tpl.get("mediation", True):
        para(c["mediation"], italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
             first=Cm(1.25), before=9, after=3)

    para(c["attachments"], bold=True, first=Cm(1.25), before=12, after=3)
    for i, text in enumerate(tpl["attachments"][lang], 1):
        para(f"{i}. {text}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=Cm(1.25))

    # --- date and signature(s)
    if tpl.get("signatures") == "both":
        para(c["date"], before=24, after=12)
        for role in ("plaintiff", "defendant"):
            para(f"{ROLES[role][lang]}: ____________ / ____________________ /",
                 align=WD_ALIGN_PARAGRAPH.RIGHT, after=12)
    else:
        p = para(c["date"] + "\t" + c["signature"], before=24)
        p.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)

    para(c["note"], italic=True, size=9, color=(0x59, 0x59, 0x59), before=30,
         align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    cp = doc.core_properties
    cp.title = tpl["title"][lang]
    cp.subject = c["subject"]
    cp.author = "court-kiosk"
    cp.last_modified_by = "court-kiosk"
    cp.category = _category_title(tpl["category"], lang)
    cp.keywords = f"court-kiosk; demo; {tpl['slug']}; {lang}"
    cp.comments = "Demo sample generated by media/make_demo_media.py"
    cp.language = DOCX_LANG[lang]
    cp.content_status = "Demo"
    cp.version = "1"
    cp.revision = 1
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE

    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


def make_templates(media_dir: Path) -> list[Path]:
    out_dir = media_dir / DEMO / "templates"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for tpl in TEMPLATES:
        for lang in LANGS:
            path = out_dir / f"{tpl['slug']}-{lang}.docx"
            path.write_bytes(build_docx(tpl, lang))
            written.append(path)
    return written


# ---------------------------------------------------------------------------
# Videos
# ---------------------------------------------------------------------------
W, H = 1280, 720
GOLD = "0xF2C14E"
LIGHT_GOLD = "0xF7DFA0"
PALE = "0xEAF2F8"


def fit_size(text: str, font: str, size: int, max_width: int) -> int:
    """Largest font size <= size at which text fits into max_width pixels."""
    from PIL import ImageFont
    while size > 10:
        if ImageFont.truetype(font, size).getlength(text) <= max_width:
            return size
        size -= 1
    return size


def alpha_expr(a: float, b: float, f: float = 0.4) -> str:
    """Opacity: 0 before a, fade in over f, 1, fade out over f ending at b."""
    return (f"if(lt(t,{a:.2f}),0,if(lt(t,{a + f:.2f}),(t-{a:.2f})/{f:.2f},"
            f"if(lt(t,{b - f:.2f}),1,if(lt(t,{b:.2f}),({b:.2f}-t)/{f:.2f},0))))")


class _Graph:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.filters: list[str] = []
        self.n = 0

    def text(self, text, *, font=FONT, size, color="white", x, y, a=None, b=None,
             max_width=W - 120):
        self.n += 1
        path = self.tmp / f"t{self.n:02d}.txt"
        path.write_text(text, encoding="utf-8")
        size = fit_size(text, font, size, max_width)
        opts = [f"fontfile={font}", f"textfile={path}", "expansion=none",
                f"fontsize={size}", f"fontcolor={color}", f"x='{x}'", f"y='{y}'"]
        if a is not None:
            opts.append(f"alpha='{alpha_expr(a, b)}'")
            opts.append(f"enable='between(t,{a:.2f},{b:.2f})'")
        self.filters.append("drawtext=" + ":".join(opts))


def make_video(spec: dict, out: Path, tmp: Path) -> None:
    d = VIDEO_SECONDS
    g = _Graph(tmp)
    centre = "(w-text_w)/2"
    court_line = " · ".join(REGIONAL_COURT[l] for l in LANGS)

    # always on screen: court name, gold rule, drifting scales watermark, footer
    g.text(court_line, size=24, color="white@0.85", x=60, y=36, max_width=W - 120)
    g.filters.append(f"drawbox=x=60:y=76:w={W - 120}:h=3:color={GOLD}@0.9:t=fill")
    g.text("\u2696", size=400, color="white@0.07",
           x="w-text_w-40+40*sin(2*PI*t/11)", y="170+15*cos(2*PI*t/7)", max_width=W)
    g.text(spec["footer"], font=FONT_BOLD, size=30, color=GOLD, x="w-text_w-60",
           y=H - 72)

    # title card
    a, b = 0.3, 4.7
    g.text("\u2696", size=110, color=GOLD, x=centre, y="118+6*sin(2*PI*t/2.5)",
           a=a, b=b, max_width=W)
    g.text(spec["card_title"]["kk"], font=FONT_BOLD, size=76, color="white", x=centre,
           y=280, a=a, b=b)
    g.text(spec["card_title"]["ru"], size=52, color="white", x=centre, y=380,
           a=a + 0.3, b=b)
    g.text(spec["card_title"]["en"], size=52, color=LIGHT_GOLD, x=centre, y=455,
           a=a + 0.6, b=b)
    subs = spec["card_sub"]
    sub = subs["kk"] if subs["kk"] == subs["ru"] == subs["en"] else None
    if sub:
        g.text(sub, font=FONT_BOLD, size=34, color=GOLD, x=centre, y=545, a=a + 0.9,
               b=b)
    else:
        for i, l in enumerate(LANGS):
            g.text(subs[l], size=24, color="white@0.85", x=centre, y=540 + 34 * i,
                   a=a + 0.9, b=b)

    # facts card
    a2, end = 4.9, d + 1
    head = " · ".join(spec["facts_head"][l] for l in LANGS)
    g.text(head, font=FONT_BOLD, size=40, color=GOLD, x=80, y=112, a=a2, b=end,
           max_width=W - 80 - 60)
    fw = W - 150 - 60
    kk_size = min(fit_size(f["kk"], FONT_BOLD, 34, fw) for f in spec["facts"])
    ru_size = min(fit_size(f["ru"], FONT, 27, fw) for f in spec["facts"])
    en_size = min(fit_size(f["en"], FONT, 27, fw) for f in spec["facts"])
    for i, fact in enumerate(spec["facts"]):
        y0 = 196 + 140 * i
        t0 = a2 + 0.5 + 0.7 * i
        g.text(str(i + 1), font=FONT_BOLD, size=56, color=GOLD, x=80, y=y0 - 4,
               a=t0, b=end)
        g.text(fact["kk"], font=FONT_BOLD, size=kk_size, color="white", x=150, y=y0,
               a=t0, b=end, max_width=fw)
        g.text(fact["ru"], size=ru_size, color=PALE, x=150, y=y0 + 47, a=t0, b=end,
               max_width=fw)
        g.text(fact["en"], size=en_size, color=LIGHT_GOLD, x=150, y=y0 + 85, a=t0,
               b=end, max_width=fw)

    graph = ("[0:v]" + ",".join(g.filters) + "[txt];"
             f"[txt][1:v]overlay=x='-w+w*t/{d}':y=H-h:eval=frame,"
             f"fade=t=in:st=0:d=0.3,fade=t=out:st={d - 0.5}:d=0.5,"
             "format=yuv420p[v]")
    script = tmp / "graph.txt"
    script.write_text(graph, encoding="utf-8")

    c0, c1 = spec["bg"]
    cmd = [
        "ffmpeg", "-y", "-hide_banner", "-loglevel", "error",
        "-f", "lavfi", "-i",
        f"gradients=s={W}x{H}:r=25:d={d}:c0={c0}:c1={c1}:x0=0:y0=0:x1={W}:y1={H}"
        ":nb_colors=2:seed=1:speed=0.02",
        "-f", "lavfi", "-i", f"color=c={GOLD}:s={W}x8:r=25:d={d}",
        "-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono",
        "-filter_complex_script", str(script),
        "-map", "[v]", "-map", "2:a", "-t", f"{d}",
        "-c:v", "libx264", "-preset", "slow", "-crf", "26", "-profile:v", "high",
        "-level:v", "3.1", "-pix_fmt", "yuv420p", "-r", "25", "-g", "50",
        "-c:a", "aac", "-b:a", "48k", "-ac", "1", "-ar", "48000",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
        "-flags:a", "+bitexact", "-movflags", "+faststart",
        str(out),
    ]
    subprocess.run(cmd, check=True)


def make_corrupt(good: Path, out: Path, tmp: Path) -> None:
    """First 30 KiB of a real clip (moov moved to the end, so it is cut off),
    then 34 KiB of seeded pseudo-random garbage: no player can decode it."""
    plain = tmp / "plain.mp4"
    subprocess.run(["ffmpeg", "-y", "-hide_banner", "-loglevel", "error", "-i", str(good),
                    "-map", "0", "-c", "copy", "-map_metadata", "-1",
                    "-fflags", "+bitexact", str(plain)], check=True)
    head = plain.read_bytes()[:30 * 1024]
    rng = random.Random(20260101)
    garbage = bytes(rng.getrandbits(8) for _ in range(34 * 1024))
    out.write_bytes(head + garbage)


def make_videos(media_dir: Path) -> list[Path]:
    if not shutil.which("ffmpeg"):
        sys.exit("ffmpeg is not on PATH (Debian: apt-get install ffmpeg)")
    for font in (FONT, FONT_BOLD):
        if not Path(font).exists():
            sys.exit(f"font {font} is missing (Debian: apt-get install fonts-dejavu-core)")
    out_dir = media_dir / DEMO / "videos"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="ck-media-") as tmpname:
        tmp = Path(tmpname)
        for spec in VIDEOS:
            sub = tmp / spec["name"]
            sub.mkdir()
            path = out_dir / f"{spec['name']}.mp4"
            make_video(spec, path, sub)
            written.append(path)
        corrupt = out_dir / "corrupt.mp4"
        make_corrupt(written[0], corrupt, tmp)
        written.append(corrupt)
    return written


# ---------------------------------------------------------------------------
# content.json
# ---------------------------------------------------------------------------
def content() -> dict:
    return {
        "_notes": NOTES,
        "settings": SETTINGS,
        "mrp": MRP,
        "fee_rules": FEE_RULES,
        "reception": RECEPTION,
        "template_categories": CATEGORIES,
        "templates": [
            {"slug": t["slug"], "category": t["category"], "title": t["title"],
             "description": t["description"],
             "files": {l: f"{DEMO}/templates/{t['slug']}-{l}.docx" for l in LANGS}}
            for t in TEMPLATES],
        "videos": [{"title": v["title"], "file": f"{DEMO}/videos/{v['name']}.mp4"}
                   for v in VIDEOS],
        "announcements": ANNOUNCEMENTS,
        "links": LINKS,
    }


def make_json(media_dir: Path) -> list[Path]:
    path = media_dir / DEMO / "content.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content(), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return [path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("docx", "videos", "json"),
                        help="regenerate only this part")
    parser.add_argument("--media-dir", type=Path, default=MEDIA_DIR,
                        help="where to write (default: the folder of this script)")
    args = parser.parse_args(argv)
    written: list[Path] = []
    if args.only in (None, "json"):
        written += make_json(args.media_dir)
    if args.only in (None, "docx"):
        written += make_templates(args.media_dir)
    if args.only in (None, "videos"):
        written += make_videos(args.media_dir)
    for path in written:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        print(f"{path.stat().st_size:>9}  {digest}  {path.relative_to(args.media_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
