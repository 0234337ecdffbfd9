"""`resumetex import`: other projects' public samples become CVs that render with every string."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner

from conftest import FIXTURES, ROOT, is_bold, pdf_text, render, squash
from resumetex.cli import main
from resumetex.importer import TITLES, import_file
from resumetex.inline import curly, markdown, text_of
from resumetex.load import load_cv
from resumetex.pipeline import RenderRequest, prepare, render_documents

SAMPLES = ROOT / "tests" / "samples"
# Source fields that are not text a reader sees: addresses (checked as links), settings, icons.
NOT_TEXT = ("url", "website", "$schema", "canonical", "version", "lastModified", "image", "photo", "network", "theme")


def leaves(data: object, key: str = "") -> list[tuple[str, str]]:
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in leaves(v, str(k))]
    if isinstance(data, list):
        return [leaf for v in data for leaf in leaves(v, key)]
    return [(key, str(data))] if data not in (None, "") else []


def imported(tmp_path: Path, sample: str | Path) -> Path:
    result = CliRunner().invoke(main, ["import", str(SAMPLES / sample), "-o", str(tmp_path / "cv.yaml")])
    assert result.exit_code == 0, result.output
    return tmp_path / "cv.yaml"


def test_json_resume_sample_reaches_the_pdf_word_for_word(tmp_path: Path) -> None:
    source = json.loads((SAMPLES / "jsonresume.sample.json").read_text(encoding="utf-8"))
    pdf = render(tmp_path, imported(tmp_path, "jsonresume.sample.json"))
    text = squash(pdf_text(pdf))
    words = [curly(v) for k, v in leaves(source) if k not in NOT_TEXT and not k.lower().endswith("date")]
    assert len(words) > 50
    assert [w for w in words if squash(w) not in text] == []
    with pdfplumber.open(pdf) as document:
        uris = {link["uri"] for page in document.pages for link in page.hyperlinks}
    assert {"http://piedpiper.example.com", "https://soundcloud.example.com/dandymusicnl"} <= uris
    assert "2013.12.01 – 2014.12.01" in pdf_text(pdf)  # dates kept at the precision given


def test_rendercv_sample_reaches_the_pdf(tmp_path: Path) -> None:
    source = yaml.safe_load((SAMPLES / "rendercv.classic.yaml").read_text(encoding="utf-8"))
    pdf = render(tmp_path, imported(tmp_path, "rendercv.classic.yaml"))
    text = squash(pdf_text(pdf))
    words = [
        text_of(markdown(value.strip("*")))  # RenderCV text is Markdown
        for key, value in leaves(source["cv"])
        if key not in NOT_TEXT and not key.endswith("date") and key != "date"
    ]
    for part in [w for w in words if " - " in w]:  # nested highlights: each part on its own line
        words.extend(part.split(" - "))
    words = [w for w in words if " - " not in w]
    assert len(words) > 60
    assert [w for w in words if squash(w) not in text] == []
    assert "Selected honors" in pdf_text(pdf) and "2023.06 – present" in pdf_text(pdf)
    with pdfplumber.open(pdf) as document:
        uris = {link["uri"] for page in document.pages for link in page.hyperlinks}
    assert {
        "https://johndoe.ai/",
        "https://www.linkedin.com/in/johndoe",
        "https://doi.org/10.1234/iclr.2021.3456",
    } <= uris


def test_rendercv_1x_sample_reaches_the_pdf(tmp_path: Path) -> None:
    """RenderCV 1.x: `tel:` phones, `company` entries, one-line `bullet` entries, and free text or a
    link in the date column (shown as the location, or as a link tag)."""
    source = yaml.safe_load((SAMPLES / "rendercv1.classic.yaml").read_text(encoding="utf-8"))
    pdf = render(tmp_path, imported(tmp_path, "rendercv1.classic.yaml"))
    text = squash(pdf_text(pdf))
    words = [
        text_of(markdown(value))  # RenderCV text is Markdown
        for key, value in leaves(source["cv"])
        if key not in NOT_TEXT and key not in ("date", "start_date", "end_date", "phone")
    ]
    assert len(words) > 30
    assert [w for w in words if squash(w) not in text] == []
    assert "+90-541-999-99-99" in pdf_text(pdf) and "tel:+90" not in pdf_text(pdf)
    with pdfplumber.open(pdf) as document:
        uris = {link["uri"] for page in document.pages for link in page.hyperlinks}
    assert {"https://github.com/rendercv/rendercv", "https://yourwebsite.com/", "tel:+905419999999"} <= uris


def test_json_resume_strings_stay_verbatim(tmp_path: Path) -> None:
    """Characters Markdown would read are escaped, so what was written is what is shown."""
    source = tmp_path / "r.json"
    source.write_text(json.dumps({"basics": {"name": "A", "summary": "5*3 = 15 and [not](a link) \\o/ _x_"}}))
    pdf = render(tmp_path, imported(tmp_path, source))
    assert "5*3 = 15 and [not](a link) \\o/ _x_" in pdf_text(pdf)


def test_chinese_source_imports_as_chinese(tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text(json.dumps({"basics": {"name": "李明"}, "work": [{"name": "阿里巴巴", "startDate": "2020-01"}]}))
    data = yaml.safe_load(import_file(source))
    assert data["lang"] == "zh" and data["sections"][0]["title"] == "工作经历"
    assert data["sections"][0]["entries"][0] == {"organization": "阿里巴巴", "start": "2020-01"}


# A summary and three points of a CV, as people write them in each language.
WRITTEN_IN = {
    "de": (
        "Softwareentwickler mit acht Jahren Erfahrung in der Entwicklung von Backend-Diensten.",
        "Entwicklung einer Plattform für die Auswertung von Messdaten mit Python und Go",
        "Leitung eines Teams von vier Entwicklern bei der Migration auf Kubernetes",
        "Einführung von Code-Reviews und automatisierten Tests im gesamten Team",
    ),
    "fr": (
        "Ingénieure logiciel avec huit ans d'expérience dans le développement de services web.",
        "Conception d'une plateforme pour l'analyse des données de mesure avec Python et Go",
        "Direction d'une équipe de quatre développeurs pendant la migration vers Kubernetes",
        "Mise en place des revues de code et des tests automatisés dans les équipes",
    ),
    "es": (
        "Ingeniera de software con ocho años de experiencia en el desarrollo de servicios web.",
        "Diseño de una plataforma para el análisis de los datos de medición con Python y Go",
        "Dirección del equipo de cuatro desarrolladores y de sus proyectos durante la migración a Kubernetes",
        "Implantación de las revisiones de código y de los tests automáticos en el equipo",
    ),
    "it": (
        "Ingegnere del software con otto anni di esperienza nello sviluppo di servizi web.",
        "Progettazione di una piattaforma per l'analisi dei dati di misura con Python e Go",
        "Guida di un gruppo di quattro sviluppatori nella migrazione a Kubernetes",
        "Introduzione della revisione del codice e dei test automatici per il gruppo",
    ),
    "pt": (
        "Engenheira de software com oito anos de experiência em serviços web.",
        "Projeto de uma plataforma para a análise dos dados de medição com Python e Go",
        "Liderança de uma equipe de quatro desenvolvedores na migração para Kubernetes",
        "Introdução da revisão de código e dos testes automatizados na equipe, pela primeira vez",
    ),
    "nl": (
        "Software-ontwikkelaar met acht jaar ervaring in het bouwen van webdiensten.",
        "Ontwerp van een platform voor het analyseren van meetgegevens met Python en Go",
        "Leiding aan een team van vier ontwikkelaars bij de migratie naar Kubernetes",
        "Invoering van code-reviews en geautomatiseerde tests voor het hele team",
    ),
    "he": (
        "מהנדסת תוכנה עם שמונה שנות ניסיון בפיתוח שירותי רשת.",
        "תכנון פלטפורמה לניתוח נתוני מדידה ב-Python וב-Go",
        "הובלת צוות של ארבעה מפתחים במעבר ל-Kubernetes",
        "הטמעת סקירות קוד ובדיקות אוטומטיות בצוות",
    ),
    "ar": (
        "مهندسة برمجيات بخبرة ثماني سنوات في تطوير خدمات الويب.",
        "تصميم منصة لتحليل بيانات القياس باستخدام Python وGo",
        "قيادة فريق من أربعة مطورين أثناء الانتقال إلى Kubernetes",
        "إدخال مراجعات الشيفرة والاختبارات الآلية في الفريق",
    ),
    "en": (
        "Software engineer with eight years of experience in the development of web services.",
        "Designed a platform for the analysis of measurement data with Python and Go",
        "Led a team of four developers through the migration to Kubernetes",
        "Introduced code review and automated tests across the team",
    ),
}


def written_in(lang: str) -> dict[str, object]:
    summary, *points = WRITTEN_IN[lang]
    work = {"name": "Acme", "position": "Engineer", "startDate": "2019-03", "highlights": points}
    profiles = [{"network": n, "url": f"https://{n.lower()}.com/anna"} for n in ("GitHub", "GitLab", "Medium", "X")]
    basics = {"name": "Anna de la Fuente", "summary": summary, "email": "anna@example.com", "profiles": profiles}
    return {"basics": {**basics, "url": "https://anna.example.com"}, "work": [work]}


@pytest.mark.parametrize("lang", WRITTEN_IN)
def test_a_json_resume_in_another_language_imports_in_it(lang: str, tmp_path: Path) -> None:
    """JSON Resume does not say its language: its words (or its letters) do, so a German CV gets
    `lang: de` and German titles, a Hebrew one `he` and Hebrew ones, not English ones."""
    source = tmp_path / "r.json"
    source.write_text(json.dumps(written_in(lang), ensure_ascii=False), encoding="utf-8")
    data = yaml.safe_load(import_file(source))
    assert data["lang"] == lang
    assert [s["title"] for s in data["sections"]] == [TITLES[lang]["summary"], TITLES[lang]["work"]]


@pytest.mark.parametrize(
    ("summary", "lang"),
    [
        ("توسعه‌دهنده نرم‌افزار با هشت سال تجربه در ساخت سرویس‌های وب", "fa"),  # Persian's پ, گ, ی, ک
        ("سافٹ ویئر ڈویلپر، ویب سروسز بنانے کا آٹھ سال کا تجربہ", "ur"),  # Urdu's ٹ, ڈ, ے
        ("Software engineer; co-author with محمد علي and דוד כהן", "en"),  # a name or two: English
    ],
)
def test_arabic_letters_tell_arabic_persian_and_urdu_apart(summary: str, lang: str, tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text(json.dumps({"basics": {"name": "A", "summary": summary}}, ensure_ascii=False), encoding="utf-8")
    assert yaml.safe_load(import_file(source))["lang"] == lang


@pytest.mark.parametrize(
    "points",
    [
        ["Entwicklung von Diensten mit Go", "Python, Kubernetes"],  # too few words to go by
        [*WRITTEN_IN["de"][1:], *WRITTEN_IN["en"][1:]],  # as much German as English: unclear
    ],
)
def test_a_json_resume_whose_language_is_unclear_stays_english(points: list[str], tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    work = {"name": "Siemens", "position": "Softwareentwickler", "highlights": points}
    source.write_text(json.dumps({"basics": {"name": "Jan van der Berg"}, "work": [work]}), encoding="utf-8")
    assert yaml.safe_load(import_file(source))["lang"] == "en"


def test_a_german_json_resume_prints_german_words(tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text(json.dumps(written_in("de"), ensure_ascii=False), encoding="utf-8")
    text = pdf_text(render(tmp_path, imported(tmp_path, source)))
    assert "Berufserfahrung" in text and "heute" in text  # the title, and an ongoing period's end


def test_what_has_no_place_is_a_comment(tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text(
        json.dumps({"basics": {"name": "A", "image": "me.png"}, "awards": [{"title": "X", "date": "Fall"}]})
    )
    text = import_file(source)
    assert "# Not placed: basics.image: me.png" in text
    assert "# Not placed: awards[0]: the date 'Fall' is not one resumetex reads" in text


def test_a_date_and_time_is_read_as_its_date(tmp_path: Path) -> None:
    """ISO 8601 with a time, as some tools write JSON Resume's dates."""
    source = tmp_path / "r.json"
    work = [{"name": "Acme", "startDate": "2021-03-01T00:00:00Z", "endDate": "2023-05-02T09:30:00+08:00"}]
    source.write_text(json.dumps({"basics": {"name": "A"}, "work": work}))
    entry = yaml.safe_load(import_file(source))["sections"][0]["entries"][0]
    assert (entry["start"], entry["end"]) == ("2021-03-01", "2023-05-02")


def test_an_end_whose_start_cannot_be_read_is_not_made_a_single_date(tmp_path: Path) -> None:
    """Acme from early 2020 to 2023.05 is not an event of May 2023: both are noted, neither placed."""
    source = tmp_path / "r.json"
    work = [{"name": "Acme", "startDate": "early 2020", "endDate": "2023-05"}]
    source.write_text(json.dumps({"basics": {"name": "A"}, "work": work}))
    text = import_file(source)
    entry = yaml.safe_load(text)["sections"][0]["entries"][0]
    assert not {"date", "start", "end"} & set(entry)
    assert "the date 'early 2020' is not one resumetex reads" in text
    assert "the end 2023-05 was left out with its start" in text


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("cv.yaml", "cv:\n  name: A\n  photo: pics/me.jpg\n"),  # RenderCV
        ("r.json", json.dumps({"basics": {"name": "A", "image": "pics/me.jpg"}})),  # JSON Resume
    ],
)
def test_a_local_photo_comes_along_from_where_the_cv_is_written(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / "old" / "pics").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "photo.jpg", tmp_path / "old" / "pics" / "me.jpg")
    source = tmp_path / "old" / name
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "new" / "cv.yaml"
    target.parent.mkdir()
    target.write_text(import_file(source, target), encoding="utf-8")
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["header"]["photo"] == "../old/pics/me.jpg"
    assert load_cv(target).header.photo == "../old/pics/me.jpg"  # found, and whole
    (tmp_path / "old" / "pics" / "me.jpg").write_bytes(b"RIFF\x24\x00\x00\x00WEBPVP8 ")  # no photo to place
    written = import_file(source, target)
    assert "photo" not in yaml.safe_load(written)["header"]
    assert "# Not placed: " in written and "pics/me.jpg (a photo must be a local picture file" in written


@pytest.mark.parametrize("content", ["[1, 2]", '{"name": "x"}'])
def test_unknown_shapes_are_clear_errors(content: str, tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text(content)
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1
    assert "neither a JSON Resume file" in result.output and not (tmp_path / "out.yaml").exists()


def test_import_never_replaces_a_file(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text("mine")
    result = CliRunner().invoke(
        main, ["import", str(SAMPLES / "jsonresume.sample.json"), "-o", str(tmp_path / "cv.yaml")]
    )
    assert result.exit_code == 2 and (tmp_path / "cv.yaml").read_text() == "mine"


def test_json_resume_older_spellings(tmp_path: Path) -> None:
    """Before v1: work[].company and website, basics.website."""
    source = tmp_path / "old.json"
    old = {
        "basics": {"name": "Old Style", "website": "https://old.example.org"},
        "work": [{"company": "Initech", "website": "https://initech.example.com", "position": "Engineer"}],
    }
    source.write_text(json.dumps(old))
    data = yaml.safe_load(import_file(source))
    assert data["header"]["homepage"] == "https://old.example.org"
    entry = data["sections"][0]["entries"][0]
    assert entry["organization"] == "Initech" and entry["links"][0]["url"] == "https://initech.example.com"


@pytest.mark.parametrize(
    ("text", "where", "found"),
    [
        ('{"basics": {"name": "A"}, "work": ["Acme Inc"]}', "work[0]", "text"),
        ('{"basics": {"name": "A"}, "projects": [{"name": "P", "roles": ["a", ["b"]]}]}', "projects[0]", "a list"),
        ('{"basics": "A"}', "basics", "text"),
        ('{"basics": {"name": "A"}, "skills": [{"name": "S", "keywords": 5}]}', "skills[0]", "a number"),
    ],
)
def test_a_value_not_in_the_formats_shape_is_a_located_error(tmp_path: Path, text: str, where: str, found: str) -> None:
    """These raised AttributeError or TypeError: a traceback."""
    source = tmp_path / "r.json"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source)])
    problem = f"{found} where JSON Resume has something else; write it as JSON Resume does"
    assert (result.exit_code, result.output) == (1, f"error: {source}: {where}: {problem}\n")


def test_import_never_ends_in_a_traceback(tmp_path: Path) -> None:
    """Both samples with one to three values swapped for values of other shapes, 300 times."""
    import contextlib
    import copy
    import random

    from resumetex.errors import ResumeError

    samples = [
        ("r.json", json.loads((SAMPLES / "jsonresume.sample.json").read_text(encoding="utf-8"))),
        ("r.yaml", yaml.safe_load((SAMPLES / "rendercv.classic.yaml").read_text(encoding="utf-8"))),
    ]
    shapes = [None, "", "x", 0, 2.5, True, [], {}, ["a", 1], {"a": 1}, [None], [{}], "2020-13-45"]

    def places(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        inner = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
        return [path] + [p for key, child in inner for p in places(child, (*path, key))]

    chance = random.Random(7)
    for _ in range(300):
        name, sample = chance.choice(samples)
        data = copy.deepcopy(sample)
        for _ in range(chance.randint(1, 3)):
            *parents, last = chance.choice(places(data)[1:])
            holder = data
            for key in parents:
                holder = holder[key]  # type: ignore[index]
            holder[last] = copy.deepcopy(chance.choice(shapes))  # type: ignore[index]
        source = tmp_path / name
        source.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
        with contextlib.suppress(ResumeError):  # a clear error is fine; anything else fails the test
            import_file(source)


def test_a_rendercv_period_in_the_date_column_becomes_start_and_end(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    entries = [
        {"company": "Acme", "position": "Engineer", "date": "Sep 2019 – present"},
        {"company": "Initech", "position": "Intern", "date": "2017-2018"},
        {"company": "Globex", "position": "Advisor", "date": "since 2016"},
    ]
    source.write_text(yaml.safe_dump({"cv": {"name": "A", "sections": {"Experience": entries}}}), encoding="utf-8")
    data = yaml.safe_load(import_file(source))
    acme, initech, globex = data["sections"][0]["entries"]
    assert (acme["start"], acme["end"]) == ("Sep 2019", "present")
    assert (initech["start"], initech["end"]) == ("2017", "2018")
    assert (globex["start"], globex["end"]) == ("2016", "present")
    assert "2019.09 – Present" in pdf_text(render(tmp_path, imported(tmp_path, source)))


def test_rendercvs_networks_become_profiles(tmp_path: Path) -> None:
    """Its StackOverflow, Mastodon, Leetcode, YouTube, Telegram, IMDB, Instagram, Bluesky, WhatsApp
    and Reddit were left as details (a label and the username, no link); WeChat is an id, without a
    page."""
    source = tmp_path / "r.yaml"
    networks = {
        "StackOverflow": "4567/jane",
        "Mastodon": "@jane@hachyderm.io",
        "Leetcode": "jane",
        "YouTube": "janedoe",
        "Telegram": "jane",
        "IMDB": "nm0000001",
        "Instagram": "jane",
        "WeChat": "jane_wx",
        "Bluesky": "jane.bsky.social",  # (RenderCV 2's own: they were details too)
        "WhatsApp": "+1 555 123 4567",
        "Reddit": "janedoe",
    }
    social = [{"network": network, "username": username} for network, username in networks.items()]
    source.write_text(yaml.safe_dump({"cv": {"name": "A", "social_networks": social}}), encoding="utf-8")
    header = yaml.safe_load(import_file(source))["header"]
    assert "details" not in header
    assert [(p["network"], p["username"]) for p in header["profiles"]] == [
        (network.lower(), username) for network, username in networks.items()
    ]
    with pdfplumber.open(render(tmp_path, imported(tmp_path, source))) as document:
        uris = [link["uri"] for page in document.pages for link in page.hyperlinks]
    assert uris[:2] == ["https://stackoverflow.com/users/4567/jane", "https://hachyderm.io/@jane"]
    assert len(uris) == 10


def test_a_profile_takes_a_network_as_other_formats_name_it_or_stays_a_detail(tmp_path: Path) -> None:
    """Twitter is now X; a Mastodon name without its server has no address, so it stays a
    detail (as a profile the CV written would not validate); a website with its address is one."""
    source = tmp_path / "r.json"
    profiles = [
        {"network": "Twitter", "username": "jane"},
        {"network": "Mastodon", "username": "jane"},
        {"network": "Website", "url": "https://jane.example.com"},
        {"network": "微信", "username": "jane_wx"},
    ]
    source.write_text(json.dumps({"basics": {"name": "A", "profiles": profiles}}), encoding="utf-8")
    header = yaml.safe_load(import_file(source))["header"]
    assert header["profiles"] == [
        {"network": "x", "username": "jane"},
        {"network": "website", "url": "https://jane.example.com"},
        {"network": "wechat", "username": "jane_wx"},
    ]
    assert header["details"] == [{"label": "Mastodon", "value": "jane"}]


@pytest.mark.parametrize("settings", ["settings", "rendercv_settings"])  # RenderCV 2.x, 1.x
def test_rendercvs_bold_keywords_are_the_files_emphasize_list_and_come_back_from_json(
    tmp_path: Path, settings: str
) -> None:
    source = tmp_path / "John_Doe_CV.yaml"
    cv = {"name": "John Doe", "sections": {"summary": ["Built FlashInfer in PyTorch."]}}
    source.write_text(json.dumps({"cv": cv, settings: {"bold_keywords": ["PyTorch", "FlashInfer"]}}))
    (tmp_path / "cv.yaml").write_text(import_file(source), encoding="utf-8")
    assert load_cv(tmp_path / "cv.yaml").emphasize == ["PyTorch", "FlashInfer"]
    request = RenderRequest(source=tmp_path / "cv.yaml", output=tmp_path / "cv.pdf")
    render_documents(request, ("json",))
    again = yaml.safe_load(import_file(tmp_path / "cv.json"))
    assert again["emphasize"] == ["PyTorch", "FlashInfer"]


def test_rendercv_2s_several_emails_phones_and_sites_and_its_own_connections(tmp_path: Path) -> None:
    """RenderCV 2.x takes a list for each: they made a CV that would not load (a phone read as
    "['+1-234', ...]"), and the custom connections were dropped without a word."""
    cv = {
        "name": "John Doe",
        "email": ["john@example.com", "doe@example.org"],
        "phone": ["+1-234-567-8900", "+44 20 1234 5678"],
        "website": ["https://johndoe.com", "https://janesmith.dev"],
        "custom_connections": [
            {"placeholder": "Book a call", "url": "https://cal.com/johndoe", "fontawesome_icon": "calendar"},
            {"placeholder": "Weekends only", "url": None, "fontawesome_icon": "clock"},
        ],
        "sections": {"summary": ["Hello."]},
    }
    (tmp_path / "John_Doe_CV.yaml").write_text(json.dumps({"cv": cv}), encoding="utf-8")
    text = import_file(tmp_path / "John_Doe_CV.yaml")
    assert "# Not placed: cv.custom_connections: Weekends only" in text
    (tmp_path / "cv.yaml").write_text(text, encoding="utf-8")
    header = load_cv(tmp_path / "cv.yaml").header
    assert (header.email, header.phone, header.homepage) == (
        "john@example.com",
        "+1-234-567-8900",
        "https://johndoe.com",
    )
    pdf = render(tmp_path, tmp_path / "cv.yaml")
    assert all(
        shown in pdf_text(pdf) for shown in ("doe@example.org", "+44 20 1234 5678", "janesmith.dev", "Book a call")
    )
    with pdfplumber.open(pdf) as document:
        uris = {link["uri"] for page in document.pages for link in page.hyperlinks}
    assert {"mailto:doe@example.org", "tel:+442012345678", "https://janesmith.dev", "https://cal.com/johndoe"} <= uris
    contacts = prepare(RenderRequest(source=tmp_path / "cv.yaml")).document.header.contacts
    assert [c.kind for c in contacts if c.text in ("doe@example.org", "+44 20 1234 5678")] == ["email", "phone"]


def test_a_rendercv_entrys_fields_of_its_own_are_placed_or_listed(tmp_path: Path) -> None:
    """RenderCV keeps any field an entry has, for templates of one's own: a url, a GPA, a team were
    dropped without a word, and a paper's summary."""
    sections = {
        "education": [{"institution": "MIT", "area": "CS", "gpa": "3.9/4.0", "thesis": "Efficient things"}],
        "experience": [{"company": "ACME", "position": "Engineer", "team": "Infra", "url": "https://acme.com"}],
        "projects": [{"name": "Foo", "url": "https://foo.dev", "stars": "500"}],
        "publications": [{"title": "Bar", "authors": ["J. Doe"], "summary": "Oral, top 1%"}],
    }
    (tmp_path / "John_Doe_CV.yaml").write_text(json.dumps({"cv": {"name": "J", "sections": sections}}))
    text = import_file(tmp_path / "John_Doe_CV.yaml")
    notes = [line for line in text.splitlines() if line.startswith("# Not placed")]
    assert notes == [
        "# Not placed: cv.sections.education[0].thesis: Efficient things",
        "# Not placed: cv.sections.projects[0].stars: 500",
    ]
    education, experience, projects, papers = [s["entries"][0] for s in yaml.safe_load(text)["sections"]]
    assert (education["gpa"], experience["team"], papers["note"]) == ("3.9/4.0", "Infra", "Oral, top 1%")
    assert [experience["links"][0]["url"], projects["links"][0]["url"]] == ["https://acme.com", "https://foo.dev"]


def test_what_json_resume_does_not_have_is_listed_and_what_it_has_is_not(tmp_path: Path) -> None:
    """Fields and lists of one's own (a tool's, or a theme's) were dropped without a word."""
    sample = json.loads((SAMPLES / "jsonresume.sample.json").read_text(encoding="utf-8"))
    assert "Not placed" not in import_file(SAMPLES / "jsonresume.sample.json")  # every field of v1 is read
    sample["basics"]["nickname"] = "Rich"
    sample["work"][0]["team"] = "Infra"
    sample["talks"] = [{"title": "Keynote", "date": "2020"}]
    (tmp_path / "r.json").write_text(json.dumps(sample), encoding="utf-8")
    notes = [line for line in import_file(tmp_path / "r.json").splitlines() if line.startswith("# Not placed")]
    assert notes == [
        "# Not placed: basics.nickname: Rich",
        "# Not placed: work[0].team: Infra",
        "# Not placed: talks: a list JSON Resume does not have",
    ]


def test_rendercvs_look_comes_along_as_far_as_resumetex_has_it(tmp_path: Path) -> None:
    """Its colour, paper, type size and side margins (1.x's keys and 2.x's) were dropped, so a
    Letter résumé in RenderCV's blue came out on A4 in resumetex's."""
    data = yaml.safe_load(import_file(SAMPLES / "rendercv1.classic.yaml"))  # 1.x: color, page_size, margins
    assert data["design"] == {"accent": "#004F90", "paper": "letter", "font_size": 10.0, "margin": 2.0}
    pdf = render(tmp_path, imported(tmp_path, "rendercv1.classic.yaml"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792 pts (letter)" in info
    design = {
        "page": {"size": "us-letter", "left_margin": "0.7in"},
        "colors": {"name": "rgb(0, 79, 144)"},
        "typography": {"font_size": {"body": "14pt"}},  # over resumetex's 12
    }
    source = tmp_path / "John_Doe_CV.yaml"
    source.write_text(json.dumps({"cv": {"name": "J", "sections": {"s": ["Hi"]}}, "design": design}))
    text = import_file(source)
    assert yaml.safe_load(text)["design"] == {"accent": "#004F90", "paper": "letter", "margin": 1.78}
    assert "# Not placed: design: font_size 14pt" in text


def test_another_tools_file_given_to_render_says_how_to_import_it(tmp_path: Path) -> None:
    """It was a wall of unknown and missing fields (`cv`, `$schema`, `header`, ...); now one line
    whose command works."""
    shutil.copy(SAMPLES / "jsonresume.sample.json", tmp_path / "resume.json")
    runner = CliRunner()
    result = runner.invoke(main, ["render", str(tmp_path / "resume.json"), "-o", str(tmp_path / "cv.pdf")])
    target = tmp_path / "resume.resumetex.yaml"
    assert (result.exit_code, result.output) == (
        1,
        f"error: {tmp_path / 'resume.json'}:1:1: a JSON Resume file, not a resumetex CV; convert it first: "
        f"resumetex import {tmp_path / 'resume.json'} -o {target}\n",
    )
    assert not (tmp_path / "cv.pdf").exists()
    assert runner.invoke(main, ["import", str(tmp_path / "resume.json"), "-o", str(target)]).exit_code == 0
    assert runner.invoke(main, ["validate", str(target)]).exit_code == 0


URL = "https://careers.google.com"


def test_positions_one_after_another_at_one_organization_become_its_roles(tmp_path: Path) -> None:
    """As LinkedIn and JSON Resume list a promotion: an item per position. Consecutive ones at one
    organization are one entry with its roles (a role's own team and place where they differ); a
    later return there stays apart."""
    work = [
        {"name": "Google", "position": "Staff Engineer", "location": "London", "startDate": "2023-04", "url": URL},
        {
            "name": "Google",
            "position": "Engineer",
            "location": "Zürich",
            "startDate": "2020",
            "endDate": "2023",
            "url": URL,
        },
        {"name": "Acme", "position": "Intern", "startDate": "2019", "endDate": "2019"},
        {"name": "Google", "position": "Intern", "startDate": "2018", "endDate": "2018"},
    ]
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"basics": {"name": "Jane"}, "work": work}), encoding="utf-8")
    entries = load_cv(Path(imported_from(tmp_path, source))).sections[0].entries
    assert [(e.organization, [r.role for r in e.roles], e.role) for e in entries] == [  # type: ignore[union-attr]
        ("Google", ["Staff Engineer", "Engineer"], None),
        ("Acme", [], "Intern"),
        ("Google", [], "Intern"),
    ]
    google = entries[0]
    assert google.location == "London" and [r.location for r in google.roles] == [None, "Zürich"]  # type: ignore[union-attr]
    assert [link.url for link in google.links] == [URL]  # (each item's, once)
    rendercv = {
        "cv": {
            "name": "Jane",
            "sections": {
                "experience": [
                    {"company": "Google", "position": "Staff Engineer", "team": "Ads", "start_date": "2023-04"},
                    {
                        "company": "Google",
                        "position": "Engineer",
                        "team": "Search",
                        "start_date": "2020",
                        "end_date": "2023",
                    },
                ]
            },
        }
    }
    (tmp_path / "cv.yaml").write_text(yaml.safe_dump(rendercv), encoding="utf-8")
    [google] = load_cv(Path(imported_from(tmp_path, tmp_path / "cv.yaml"))).sections[0].entries
    assert [r.role for r in google.roles] == ["Staff Engineer", "Engineer"]  # type: ignore[union-attr]
    assert (google.team, [r.team for r in google.roles]) == ("Ads", [None, "Search"])  # type: ignore[union-attr]


def imported_from(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / "out" / f"{source.stem}.resumetex.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_an_import_that_would_not_render_says_where_to_mend_it(tmp_path: Path) -> None:
    """A source value the format cannot take, carried over as written (a publisher as a list),
    was found only by the next `render`; the import itself names it, at its line in the file it
    wrote, and exits 1. The file is written all the same, to be mended."""
    sample = json.loads((SAMPLES / "jsonresume.sample.json").read_text(encoding="utf-8"))
    sample["publications"][0]["publisher"] = [{}]
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(sample), encoding="utf-8")
    target = tmp_path / "cv.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 1
    located = re.search(
        rf"error: {re.escape(str(target))}:(\d+):5: sections\[\d\]\.entries\[0\]\.subtitle: ", result.output
    )
    assert located, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [line.strip() for line in lines[int(located.group(1)) - 2 : int(located.group(1))]] == ["subtitle:", "- {}"]
    assert f"next: mend {target} where these say" in result.output


def test_blank_items_a_tool_wrote_are_left_out_of_the_import(tmp_path: Path) -> None:
    """A highlight or a course written "" (as tools write one left empty), a keyword "", a profile
    with neither a name nor an address: each said nothing, and became a point with nothing in it
    (or `, HTML`); the import leaves them out and renders."""
    sample = json.loads((SAMPLES / "jsonresume.sample.json").read_text(encoding="utf-8"))
    sample["work"][0]["highlights"] = ["", "Real one", "  "]
    sample["education"][0]["courses"] = [""]
    sample["skills"][0]["keywords"] = ["", "HTML"]
    sample["basics"]["profiles"].append({"network": "Mastodon", "username": "", "url": ""})
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(sample), encoding="utf-8")
    target = tmp_path / "cv.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    cv = yaml.safe_load(target.read_text(encoding="utf-8"))
    work = next(s for s in cv["sections"] if s["key"] == "work")
    assert work["entries"][0]["bullets"] == ["Real one"]
    skills = next(s for s in cv["sections"] if s["key"] == "skills")
    assert skills["entries"][0]["details"] == f"{sample['skills'][0]['level']} — HTML"
    assert "Mastodon" not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("language", "lang"),
    [("mandarin_chinese", "zh"), ("turkish", "tr"), ("portuguese", "pt"), ("dutch", "nl"), ("japanese", "ja")],
)
def test_a_rendercv_locales_language_becomes_its_code(tmp_path: Path, language: str, lang: str) -> None:
    """RenderCV names its languages; their first two letters are not their codes (mandarin_chinese
    was `ma`, turkish `tu`), and a code that is not the CV's language lets its words be wrong."""
    source = tmp_path / "r.yaml"
    cv = {"cv": {"name": "A B", "sections": {"Experience": ["Led things"]}}, "locale": {"language": language}}
    source.write_text(yaml.safe_dump(cv, allow_unicode=True), encoding="utf-8")
    assert yaml.safe_load(import_file(source))["lang"] == lang


def test_yamlresume_sample_reaches_the_pdf_word_for_word(tmp_path: Path) -> None:
    """YAMLResume's `content` is JSON Resume's, its location and profiles beside `basics`, and its
    summaries Markdown lists of points: each point is a point, every word of the file is in the
    PDF, and its language and look come along."""
    source = yaml.safe_load((SAMPLES / "yamlresume.resume.yml").read_text(encoding="utf-8"))
    cv = yaml.safe_load(import_file(SAMPLES / "yamlresume.resume.yml", tmp_path / "cv.yaml"))
    assert (cv["lang"], cv["design"]) == ("en", {"font_size": 11.0, "margin": 1.5, "paper": "a4"})
    work = cv["sections"][1]["entries"][0]["roles"][0]  # two positions at PPResume: its roles
    assert (work["start"], len(work["bullets"])) == ("2022-12", 6)  # Dec 1, 2022: YAMLResume prints no day
    assert cv["sections"][0] == {
        "key": "summary",
        "kind": "bullets",
        "title": "Summary",
        "entries": [line.removeprefix("- ") for line in source["content"]["basics"]["summary"].splitlines()],
    }
    text = squash(pdf_text(render(tmp_path, imported(tmp_path, "yamlresume.resume.yml"))))
    lines = [
        line.strip().removeprefix("- ")
        for key, value in leaves(source["content"])
        if key not in NOT_TEXT and not key.lower().endswith("date")
        for line in value.splitlines()
    ]
    assert len(lines) > 80
    assert [line for line in lines if squash(curly(line)) not in text] == []


def test_yamlresume_text_is_markdown_and_its_older_layout_is_read(tmp_path: Path) -> None:
    """A paragraph before the points (or after them) stays the summary, the points following as highlights; a point
    under a point is one of its points, a wrapped point is one, `**bold**` is bold; the older
    `layout:` gives the language, the type size and the margins."""
    source = tmp_path / "r.yml"
    content = {
        "basics": {
            "name": "Beatriz Carvalho",
            "label": "Analista de Dados",  # (older files have both: the label is the headline)
            "headline": "SQL, Python e Power BI",
            "summary": "Analista de **dados** há 5 anos.\n\n- SQL e Python\n- ETL e\n  modelagem\n  - Kimball e\n"
            "    Inmon\n\nDisponível para viagens.\n",
        },
        "work": [{"name": "TechRetail", "position": "Analista", "startDate": "Jan 2023", "summary": "- Dashboards"}],
    }
    layout = {"locale": {"language": "pt-br"}, "margins": {"left": "2cm"}, "typography": {"fontSize": "10pt"}}
    source.write_text(yaml.safe_dump({"content": content, "layout": {**layout, "template": "moderncv-casual"}}))
    text = import_file(source)
    cv = yaml.safe_load(text)
    assert (cv["lang"], cv["design"]) == ("pt-BR", {"font_size": 10.0, "margin": 2.0})
    assert "# Not placed: layout.template: moderncv-casual" in text
    assert cv["header"]["headline"] == "Analista de Dados"
    assert "# Not placed: basics.headline: SQL, Python e Power BI (the label is the headline)" in text
    summary, highlights, work = cv["sections"]
    titles = [part["title"] for part in cv["sections"]]  # in the file's language, as YAMLResume titles them
    assert titles == ["Perfil", "Destaques", "Experiência profissional"]
    assert (summary["kind"], summary["entries"]) == (
        "text",
        ["Analista de **dados** há 5 anos. Disponível para viagens."],
    )
    points = ["SQL e Python", {"text": "ETL e modelagem", "bullets": ["Kimball e Inmon"]}]
    assert (highlights["key"], highlights["kind"], highlights["entries"]) == ("highlights", "bullets", points)
    assert work["entries"][0]["bullets"] == ["Dashboards"]
    pdf = render(tmp_path, imported(tmp_path, source))
    assert "2023.01 – atual" in pdf_text(pdf) and is_bold(pdf, "dados") == [True]


def test_a_yamlresume_file_given_to_render_says_how_to_import_it(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "yamlresume.resume.yml", tmp_path / "resume.yml")
    result = CliRunner().invoke(main, ["render", str(tmp_path / "resume.yml"), "-o", str(tmp_path / "cv.pdf")])
    said = f"a YAMLResume file, not a resumetex CV; convert it first: resumetex import {tmp_path / 'resume.yml'}"
    assert result.exit_code == 1 and said in result.output, result.output
