"""The corpus ingests and the reader lists it."""


def test_sources_lists_documents(corpus_client):
    page = corpus_client.get("/sources/")
    assert page.status_code == 200
    assert b"From Lenin to Stalin" in page.data
