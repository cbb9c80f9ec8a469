"""The evidence store (issue 26, 1): files kept in the ledger by their content — one copy however often
attached — checked by content before anything is stored, within the size limits to the byte, read back
proved by their hash, removed as a logged and undoable change, and purged only when nothing names them."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest
from sqlalchemy import event, func, select, text

from ledger_app.evidence.blobs import CHUNK
from ledger_app.evidence.copies import viewing_copy
from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.evidence.intake import prepare
from ledger_app.evidence.register import list_files
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import closure
from ledger_app.operations.settings import set_setting
from ledger_app.operations.tasks import delete_task
from ledger_app.store import schema
from ledger_app.store.settings import EvidenceLimits
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from ledger_app.tasks.table import TaskTable
from tests import evidence_files as make
from tests.hostile import encrypted

LIMITS = EvidenceLimits()


@pytest.fixture
def loaded(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger


def counts(engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar()
                     for t in (schema.evidence_blob, schema.evidence_chunk, schema.evidence_file))


@pytest.mark.parametrize(("maker", "name", "kind"), [
    (lambda p: make.pdf(p, pages=2), "通知.pdf", "pdf"),
    (lambda p: make.compressed_pdf(p, pages=3), "批复.pdf", "pdf"),
    (lambda p: make.picture(p, "PNG"), "现场.png", "png"),
    (lambda p: make.picture(p, "JPEG"), "现场.jpg", "jpeg"),
    (lambda p: make.picture(p, "GIF"), "现场.gif", "gif"),
    (lambda p: make.picture(p, "BMP"), "现场.bmp", "bmp"),
    (lambda p: make.picture(p, "TIFF"), "扫描件.tif", "tiff"),
    (make.docx, "报告.docx", "docx"),
    (make.xlsx, "台账.xlsx", "xlsx"),
    (make.ofd, "文件.ofd", "ofd"),
    (lambda p: make.ole(p, "WordDocument"), "旧文件.doc", "doc"),
    (lambda p: make.ole(p, "Workbook"), "旧表.xls", "xls"),
    (lambda p: make.ole(p, "WordDocument"), "方案.wps", "wps"),
    (lambda p: make.ole(p, "Workbook"), "统计.et", "et"),
    (lambda p: make.picture(p, "PNG"), "照片.pdf", "png"),  # the content decides, not the name
])
def test_every_accepted_kind_is_told_by_its_content(tmp_path, maker, name, kind):
    prepared = prepare(maker(tmp_path / "f"), LIMITS, name, scan=True)
    assert prepared.kind == kind and prepared.name == name and len(prepared.sha256) == 64
    assert (prepared.thumbnail is not None) == (kind in ("png", "jpeg", "gif", "bmp", "tiff"))
    if name in ("通知.pdf", "批复.pdf"):
        assert prepared.pages == (2 if name == "通知.pdf" else 3)


def _hostile(tmp_path, name: str):
    makers = {
        "zip-slip.docx": make.zip_slip, "bomb.docx": make.zip_bomb, "macro.docm": lambda p: make.docx(p, macro=True),
        "locked.xlsx": encrypted, "locked.doc": make.encrypted_doc, "locked.xls": make.encrypted_xls,
        "script.pdf": lambda p: make.pdf(p, extra=b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>"),
        "hidden-script.pdf": lambda p: make.compressed_pdf(p, script=True),
        "launch.pdf": lambda p: make.pdf(p, extra=b"/OpenAction<</S/Launch/F(cmd.exe)>>"),
        "escaped.pdf": lambda p: make.pdf(p, extra=b"/OpenAction<</S/J#61vaScript/JS(1)>>"),
        "pixels.png": make.png_bomb, "broken.png": make.broken_png,
        "files.zip": lambda p: make.zip_with(p, {"a.pdf": b"%PDF-1.4"}),
        "locked.zip": lambda p: make.zip_with(p, {"word/document.xml": b"<w/>"}, encrypted="word/document.xml"),
        "slides.pptx": lambda p: make.zip_with(p, {"ppt/presentation.xml": b"<p/>"}),
    }
    return makers[name](tmp_path / name)


HOSTILE_MADE = {"zip-slip.docx": "文件夹之外", "bomb.docx": "压缩炸弹", "macro.docm": "宏", "locked.xlsx": "密码",
                "locked.doc": "密码", "locked.xls": "密码", "script.pdf": "JavaScript", "hidden-script.pdf": "JavaScript",
                "launch.pdf": "Launch", "escaped.pdf": "JavaScript", "pixels.png": "解压炸弹", "broken.png": "已损坏",
                "files.zip": "压缩包", "locked.zip": "密码", "slides.pptx": "PowerPoint"}


@pytest.mark.parametrize("name", [*make.HOSTILE, *HOSTILE_MADE])
def test_every_hostile_file_is_refused_naming_it_and_nothing_is_stored(loaded, tmp_path, name):
    if name in make.HOSTILE:
        path = tmp_path / name
        path.write_bytes(make.HOSTILE[name][1])
        said = make.HOSTILE[name][0]
    else:
        path, said = _hostile(tmp_path, name), HOSTILE_MADE[name]
    good = make.pdf(tmp_path / "good.pdf")
    task = find_task_id(loaded.engine, "3")
    with pytest.raises(EvidenceRejected) as refused:
        closure.attach_evidence(loaded.engine, task, [good, path], user="t")  # the good one is not kept either
    message = str(refused.value)
    assert f"“{name}”" in message and said in message and "未保存任何内容" in message, message
    assert counts(loaded.engine) == (0, 0, 0)


def test_the_size_limit_per_file_holds_to_the_byte(loaded, tmp_path):
    set_setting(loaded.engine, "evidence.max_file_mb", "1")
    task = find_task_id(loaded.engine, "3")
    closure.attach_evidence(loaded.engine, task, [make.exactly(tmp_path / "刚好.pdf", 2**20)], user="t")
    with pytest.raises(EvidenceRejected, match=r"“多一字节.pdf”有 1,048,577 B，超过单个佐证材料的上限 1,048,576 B"):
        closure.attach_evidence(loaded.engine, task, [make.exactly(tmp_path / "多一字节.pdf", 2**20 + 1)], user="t")
    assert [v.name for v in list_files(loaded.engine, task)] == ["刚好.pdf"]


def test_the_size_limit_per_task_holds_to_the_byte_counting_each_content_once(loaded, tmp_path):
    set_setting(loaded.engine, "evidence.max_task_mb", "2")
    task = find_task_id(loaded.engine, "3")
    first = make.exactly(tmp_path / "一.pdf", 2**20)
    closure.attach_evidence(loaded.engine, task, [first, make.exactly(tmp_path / "二.pdf", 2**20 - 7)], user="t")
    closure.attach_evidence(loaded.engine, task, [(first, "一（重发）.pdf")], user="t")  # the same content: kept once
    with pytest.raises(EvidenceRejected, match="“多一字节.pdf”加入后任务 3 的佐证材料合计 2,097,153 B，超过每项"
                                                "任务的上限 2,097,152 B"):
        closure.attach_evidence(loaded.engine, task, [make.exactly(tmp_path / "多一字节.pdf", 8)], user="t")
    closure.attach_evidence(loaded.engine, task, [make.exactly(tmp_path / "刚好.pdf", 7)], user="t")  # exactly 2 MB
    assert sorted(v.name for v in list_files(loaded.engine, task)) == ["一.pdf", "二.pdf", "刚好.pdf"]


def test_one_copy_however_often_attached_in_chunks_of_a_mebibyte(loaded, tmp_path):
    big = make.exactly(tmp_path / "大文件.pdf", 2 * CHUNK + CHUNK // 2)
    tasks = [find_task_id(loaded.engine, code) for code in ("3", "4", "5")]
    for task in tasks:
        closure.attach_evidence(loaded.engine, task, [big], user="t")
    assert counts(loaded.engine) == (1, 3, 3)
    with loaded.engine.connect() as conn:
        sizes = conn.execute(text("SELECT length(data) FROM evidence_chunk ORDER BY seq")).scalars().all()
    assert sizes == [CHUNK, CHUNK, CHUNK // 2]


def test_a_file_opens_as_a_read_only_copy_named_for_its_content(loaded, tmp_path):
    task = find_task_id(loaded.engine, "3")
    photo = make.picture(tmp_path / "p", "PNG")
    (file_id,) = closure.attach_evidence(loaded.engine, task, [(photo, "现场照片.jpeg")], user="t").value
    copy = viewing_copy(loaded.engine, file_id, tmp_path / "viewing")
    assert copy.name == "现场照片.png" and copy.read_bytes() == photo.read_bytes()
    assert not os.stat(copy).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_a_removal_is_logged_and_undone_and_the_bytes_stay_while_a_row_names_them(loaded, tmp_path):
    from db.session import transaction
    from ledger_app.evidence.blobs import purge

    task = find_task_id(loaded.engine, "3")
    ids = closure.attach_evidence(loaded.engine, task, [make.pdf(tmp_path / "通知.pdf")], user="t").value
    removed = closure.remove_evidence(loaded.engine, task, ids, user="张三")
    assert list_files(loaded.engine, task) == [] and len(list_files(loaded.engine, task, removed=True)) == 1
    with transaction(loaded.engine) as session:
        assert purge(session) == 0  # a removed file still names its content: its undo needs it
    removed.undo()
    assert [v.name for v in list_files(loaded.engine, task)] == ["通知.pdf"]
    with loaded.engine.connect() as conn:
        log = conn.execute(text("SELECT new, changed_by FROM change_log WHERE field = '佐证材料' ORDER BY id")).all()
    assert [tuple(r) for r in log] == [("添加：通知.pdf", "t"), ("移除：通知.pdf", "张三"), ("恢复：通知.pdf", "张三")]
    deleted = delete_task(loaded.engine, task, user="t")
    assert counts(loaded.engine) == (1, 1, 0)  # the task is gone, its bytes wait for the undo
    deleted.undo()
    assert [v.name for v in list_files(loaded.engine, task)] == ["通知.pdf"]
    again = delete_task(loaded.engine, task, user="t")
    with transaction(loaded.engine) as session:
        assert purge(session) == 1
    assert counts(loaded.engine) == (0, 0, 0)
    with pytest.raises(LedgerError, match="“通知.pdf”的内容已被清理"):
        again.undo()


def test_listing_and_filtering_never_read_the_chunks(loaded, tmp_path):
    task = find_task_id(loaded.engine, "3")
    closure.attach_evidence(loaded.engine, task, [make.pdf(tmp_path / "通知.pdf")], user="t")
    seen: list[str] = []
    listen = lambda conn, cursor, statement, *args: seen.append(statement)  # noqa: E731
    event.listen(loaded.engine, "before_cursor_execute", listen)
    try:
        list_tasks(loaded.engine, TaskQuery(as_of=date(2017, 10, 15), light="pending"))
        table = TaskTable(loaded.engine)
        table.reset(TaskQuery(), table.find_ids(TaskQuery(search="平台")))
        table.light_counts(TaskQuery())
        assert list_files(loaded.engine, task)[0].pages == 2
    finally:
        event.remove(loaded.engine, "before_cursor_execute", listen)
    assert seen and not [s for s in seen if "evidence_chunk" in s]


def test_bytes_inside_a_pdfs_streams_are_not_read_as_its_syntax(tmp_path):
    """A scan's compressed pages hold any bytes, "/JS" among them by chance: only the PDF's own
    dictionaries (and object streams) say whether it carries a script."""
    path = make.pdf(tmp_path / "扫描件.pdf", pages=1)
    data = path.read_bytes().replace(b"trailer", b"9 0 obj<</Length 40>>stream\n\x00/JS (x)/Launch/JavaScript\x01\x02\n"
                                                b"endstream\nendobj\ntrailer")
    path.write_bytes(data)
    assert prepare(path, LIMITS, scan=True).kind == "pdf" and prepare(path, LIMITS, scan=True).pages == 1


def test_a_pdf_stream_that_lies_about_its_length_does_not_hide_a_script(tmp_path):
    """A /Length past the real end would step over the dictionaries that follow, a script among them."""
    path = make.pdf(tmp_path / "假长度.pdf", pages=1)
    data = path.read_bytes().replace(
        b"trailer", b"9 0 obj<</Length 900000>>stream\nxx\nendstream\nendobj\n"
                    b"10 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\ntrailer")
    path.write_bytes(data)
    with pytest.raises(EvidenceRejected, match="JavaScript"):
        prepare(path, LIMITS, scan=True)
