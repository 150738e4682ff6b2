import pandas as pd

from controverse.selection import rows_for_documents, select_documents

DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d", "e"],
        "date": ["2019", "2020-10", "2020-10-13", "2021-03-01", "2024-05-21"],
        "language": ["fr", "fr", "en", "fr", "en"],
    }
)


def test_date_range_compares_at_each_documents_precision():
    kept = select_documents(DOCS, date_from="2020-10-05", date_to="2021-12-31")
    assert list(kept["doc_id"]) == ["b", "c", "d"]  # "2020-10" overlaps the range start
    assert list(select_documents(DOCS, date_to="2019-06-30")["doc_id"]) == ["a"]


def test_language_and_sample():
    assert list(select_documents(DOCS, language="en")["doc_id"]) == ["c", "e"]
    assert list(select_documents(DOCS, max_documents=2)["doc_id"]) == ["a", "c"]
    assert len(select_documents(DOCS, max_documents=0)) == 5


def test_rows_for_documents():
    table = pd.DataFrame({"doc_id": ["a", "c", "z"], "x": [1, 2, 3]})
    assert list(rows_for_documents(table, DOCS.iloc[:3])["x"]) == [1, 2]
