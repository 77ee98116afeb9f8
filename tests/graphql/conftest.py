"""Calling the API as clients do: JSON over POST to /graphql/, optionally with a JWT."""

import json

import pytest
from django.test import Client

from marketplace.graphql.core.jwt import ACCESS, create_token


class ApiClient:
    def __init__(self, language: str = "en"):
        # English by default so that assertions read like the code; Indonesian is tested apart.
        self.client = Client(HTTP_ACCEPT_LANGUAGE=language)
        self.token = None

    def login(self, user) -> "ApiClient":
        self.token = create_token(user, token_type=ACCESS)
        return self

    def post_raw(self, body, *, content_type="application/json", **headers):
        if self.token and "HTTP_AUTHORIZATION" not in headers:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        return self.client.post("/graphql/", body, content_type=content_type, **headers)

    def post(self, query: str, variables: dict | None = None, **headers):
        body = json.dumps({"query": query, "variables": variables or {}})
        return self.post_raw(body, **headers)

    def execute(self, query: str, variables: dict | None = None, **headers) -> dict:
        """The response's JSON; fails the test when the response carries top-level errors."""
        response = self.post(query, variables, **headers)
        content = response.json()
        assert "errors" not in content, content["errors"]
        assert response.status_code == 200
        return content["data"]


@pytest.fixture
def api(db):
    return ApiClient()
