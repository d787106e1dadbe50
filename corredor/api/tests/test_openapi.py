from __future__ import annotations


def test_the_openapi_schema_describes_the_api(client, db) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Corredor API"
    assert "/api/v1/me" in schema["paths"]


def test_the_api_docs_load_nothing_from_other_hosts(client, db) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
