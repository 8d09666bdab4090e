"""Ingest: incremental by content hash, named by what built it, and safe when it fails."""

import json
import os
from pathlib import Path

import pytest
from fakes import FailingEmbedder, FakeEmbedder

from assistant import Assistant, Settings
from assistant.errors import IngestBusy
from assistant.index import Index, collection_name
from assistant.ingest import pipeline
from assistant.snapshot import StoredArticles


def test_first_ingest_adds_every_article(settings: Settings) -> None:
    report = Assistant(settings, embedder=FakeEmbedder()).ingest()
    assert sorted(report.added) == ["corpus/harbor_city.txt", "corpus/pine_county.txt"]
    assert report.chunks_embedded > 0
    assert not report.skipped


def test_reingest_embeds_only_the_changed_article(assistant: Assistant, data_dir: Path) -> None:
    unchanged = assistant.ingest()
    assert unchanged.chunks_embedded == 0
    assert len(unchanged.unchanged) == 2

    path = data_dir / "corpus" / "pine_county.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nPine County also pays a rent subsidy of 800 yuan.\n",
        encoding="utf-8",
    )
    changed = assistant.ingest()
    assert changed.updated == ["corpus/pine_county.txt"]
    pine_chunks = next(a for a in assistant.index.snapshot().articles.values() if "pine" in a.path).chunks
    assert changed.chunks_embedded == len(pine_chunks)
    answer = assistant.ask("How much is the rent subsidy in Pine County?")
    assert "800 yuan" in answer.answer
    # The old version's vectors are gone from the store.
    live = {c.id for a in assistant.index.snapshot().articles.values() for c in a.chunks}
    assert assistant.index.store.ids() == live


def test_removed_files_leave_the_index(assistant: Assistant, data_dir: Path) -> None:
    (data_dir / "corpus" / "harbor_city.txt").unlink()
    report = assistant.ingest()
    assert report.removed == ["corpus/harbor_city.txt"]
    assert [s["path"] for s in assistant.sources()] == ["corpus/pine_county.txt"]


def test_bad_files_are_reported_and_skipped(assistant: Assistant, data_dir: Path) -> None:
    corpus = data_dir / "corpus"
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(bytes(range(256)) * 20)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7 broken")
    (corpus / "新 政策 notice.txt").write_text(
        "Pine County adds a night bus for park workers.", encoding="utf-8"
    )
    report = assistant.ingest()
    reasons = dict(report.skipped)
    assert reasons["corpus/empty.txt"] == "empty file"
    assert "binary" in reasons["corpus/image.txt"]
    assert "unreadable PDF" in reasons["corpus/broken.pdf"]
    assert report.added == ["corpus/新 政策 notice.txt"]


def test_catalog_fills_and_overrides_metadata(assistant: Assistant) -> None:
    sources = {s["path"]: s for s in assistant.sources()}
    harbor = sources["corpus/harbor_city.txt"]
    assert harbor["date"] == "2022-03-01"  # read from the text
    assert harbor["publisher"] == "Harbor Daily"  # read from the byline
    assert harbor["title"] == "Harbor City housing subsidy for young engineers"  # catalog
    pine = sources["corpus/pine_county.txt"]
    assert pine["title"] == "Pine County opens rural talent stations"  # the headline line
    assert pine["publisher"] == "Pine County Government Website"  # [Source: ...]
    assert pine["date"] == "2021-09-15"  # catalog


def test_collection_is_named_by_what_built_it(settings: Settings) -> None:
    embedder = FakeEmbedder()
    base = collection_name(settings, embedder)
    other_chunking = collection_name(settings.model_copy(update={"chunk_words": 60}), embedder)
    assert base != other_chunking
    assert embedder.name in base


def test_failed_ingest_keeps_the_previous_index_serving(assistant: Assistant, data_dir: Path) -> None:
    before = assistant.ask("What housing subsidy do engineers get in Harbor City?")
    assert "1,500 yuan" in before.answer
    (data_dir / "corpus" / "harbor_city.txt").write_text(
        "Harbor City now pays engineers 9,999 yuan a month.", encoding="utf-8"
    )
    broken = Assistant(assistant.settings, embedder=FailingEmbedder(fail_after=0))
    with pytest.raises(RuntimeError):
        broken.ingest()
    again = Assistant(assistant.settings, embedder=FakeEmbedder())
    after = again.ask("What housing subsidy do engineers get in Harbor City?")
    assert "1,500 yuan" in after.answer
    assert "9,999" not in after.answer
    # The next ingest completes the work.
    assert again.ingest().updated == ["corpus/harbor_city.txt"]
    assert "9,999 yuan" in again.ask("How much does Harbor City pay engineers?").answer


def test_second_ingest_at_once_is_refused(settings: Settings) -> None:
    index = Index(settings, FakeEmbedder())
    with index._lock(), pytest.raises(IngestBusy, match="another ingest is running"):
        Index(settings, FakeEmbedder()).ingest()


def test_vector_store_filters_by_article(assistant: Assistant) -> None:
    snapshot = assistant.index.snapshot()
    pine = next(a for a in snapshot.articles.values() if "pine" in a.path)
    vector = assistant.embedder.embed(["housing subsidy for engineers"])[0]
    hits = assistant.index.store.query(vector, 10, {pine.doc_id})
    assert hits and {cid for cid, _ in hits} <= {c.id for c in pine.chunks}


def test_ingests_of_two_recipes_share_one_lock(settings: Settings) -> None:
    # Both collections live in the same embedded Chroma database, which takes one writer.
    other = settings.model_copy(update={"chunk_words": 60})
    assert collection_name(other, FakeEmbedder()) != collection_name(settings, FakeEmbedder())
    with Index(settings, FakeEmbedder())._lock(), pytest.raises(IngestBusy):
        Index(other, FakeEmbedder()).ingest()


def test_files_reached_through_links_are_named_by_their_real_path(
    settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "linked.txt").write_text("Pine County adds a ferry for commuting engineers.", encoding="utf-8")
    (settings.corpus / "link.txt").symlink_to(outside / "linked.txt")
    (settings.corpus / "sub").mkdir()
    (settings.corpus / "sub" / "plain.txt").write_text("Harbor City adds a night bus.", encoding="utf-8")
    report = Assistant(settings, embedder=FakeEmbedder()).ingest()
    assert sorted(report.added) == sorted(
        [
            "corpus/harbor_city.txt",
            "corpus/pine_county.txt",
            "corpus/sub/plain.txt",
            str((outside / "linked.txt").resolve()),
        ]
    )


def test_files_are_read_while_earlier_chunks_are_encoded(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.evaluation.lookalikes import generate

    for name, text in generate(150, seed=3):  # some 650 chunks: two batches of 512 and the rest
        (settings.corpus / name).write_text(text, encoding="utf-8")
    events: list[str] = []
    parse = pipeline.parse

    def reading(*args: object) -> object:
        events.append("read")
        return parse(*args)  # type: ignore[arg-type]

    class Recording(FakeEmbedder):
        def embed(self, texts):  # type: ignore[no-untyped-def]
            events.append("encode")
            return super().embed(texts)

    monkeypatch.setattr(pipeline, "parse", reading)
    progress: list[tuple[int, int]] = []
    report = Assistant(settings, embedder=Recording()).ingest(progress=lambda d, t: progress.append((d, t)))
    assert events.count("read") == 152
    first_encode = events.index("encode")
    assert first_encode < len(events) - 1 - events[::-1].index("read")  # encoding began before reading ended
    assert progress[-1] == (report.chunks_embedded, report.chunks_embedded) and report.chunks_embedded > 512


def test_a_file_is_read_again_when_its_stamp_or_content_changes(settings: Settings) -> None:
    path = settings.corpus / "harbor_city.txt"
    old = path.stat().st_mtime_ns - 3_000_000_000
    os.utime(path, ns=(old, old))  # old enough for its stamp to be trusted
    assistant = Assistant(settings, embedder=FakeEmbedder())
    version = assistant.index.version()
    assistant.ingest()
    assert assistant.index.version() != version
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("1,500", "9,999"), encoding="utf-8")  # same size, just now
    report = Assistant(settings, embedder=FakeEmbedder()).ingest()
    assert report.updated == ["corpus/harbor_city.txt"]
    again = Assistant(settings, embedder=FakeEmbedder()).ingest()  # too recent to trust: read, unchanged
    assert "corpus/harbor_city.txt" in again.unchanged and again.chunks_embedded == 0


def test_a_served_snapshot_reads_its_articles_when_asked_and_from_its_own_commit(
    assistant: Assistant, data_dir: Path
) -> None:
    served = assistant.index.snapshot()
    path = "corpus/pine_county.txt"
    assert set(served.listings) == {"corpus/harbor_city.txt", path}
    assert served.listings[path].meta.region == "Pine County"
    assert isinstance(served.articles, StoredArticles) and served.articles.held == 0  # nothing read yet
    file = data_dir / path
    text = file.read_text(encoding="utf-8")
    file.write_text(text + "\nPine County also pays 800 yuan.\n", encoding="utf-8")
    assistant.ingest()
    old, new = served.articles[path], assistant.index.snapshot().articles[path]
    assert [c.id for c in old.chunks] == list(served.listings[path].chunk_ids)  # its own commit
    assert "800 yuan" in new.chunks[-1].text and "800 yuan" not in old.chunks[-1].text
    assert served.articles.held == 1


def test_a_catalog_address_names_the_publisher_a_page_does_not(assistant: Assistant, data_dir: Path) -> None:
    corpus = data_dir / "corpus"
    (corpus / "oak_city.txt").write_text(
        "Oak City gives doctors a housing allowance\n\nOak City pays new doctors a housing allowance of "
        "2,000 yuan a month. (Photo provided to People's Daily Online)",
        encoding="utf-8",
    )
    catalog = json.loads((corpus / "catalog.json").read_text(encoding="utf-8"))
    catalog["oak_city.txt"] = {"region": "Oak City", "url": "http://en.people.cn/n3/2024/1021/c1.html"}
    (corpus / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    assistant.ingest()
    answer = assistant.ask("Which media outlet published the Oak City article on the housing allowance?")
    assert "People's Daily Online" in answer.answer and answer.citations
