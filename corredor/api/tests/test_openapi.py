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


def test_a_token_is_optional_where_public_data_is_served_without_one(client, db) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/petitions", "/api/v1/petitions/{reference}", "/api/v1/mechanisms"):
        assert paths[path]["get"]["security"] == [{"TokenAuth": []}, {}], path
    assert paths["/api/v1/me"]["get"]["security"] == [{"TokenAuth": []}]
    assert "security" not in paths["/api/v1/letters"]["get"]


def test_the_owner_of_no_token_is_refused_with_a_documented_401(client, db) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer corr_forged"})
    assert response.status_code == 401
    assert response.json() == {
        "detail": "This needs a valid API token: Authorization: Bearer corr_…"
    }
    me = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/me"]["get"]
    assert set(me["responses"]) == {"200", "401"}
