"""Fault rules through POST /_mock/faults: TikTok's errors by name, in the
envelope of the request's API family, with times / after / probability."""

from __future__ import annotations

from tests.control.helpers import BEARER, REFRESH_FORM


def add(client, **rule):
    response = client.post("/_mock/faults", json=rule)
    assert response.status_code == 201, response.text
    return response.json()


def user_info(client, headers=BEARER):
    return client.get("/v2/user/info/?fields=open_id", headers=headers)


def test_a_v2_error_by_name_answers_in_the_v2_envelope_with_its_status(client):
    add(client, match={"path": "/v2/user/info/"}, respond={"error": "rate_limit_exceeded"})

    response = user_info(client)

    assert response.status_code == 429
    assert response.json() == {
        "error": {
            "code": "rate_limit_exceeded",
            "message": "The API rate limit was exceeded. Please try again later.",
            "log_id": response.headers["x-tt-logid"],
        }
    }


def test_an_oauth_error_by_name_answers_in_the_oauth_envelope_with_http_200(client):
    add(client, match={"path": "/v2/oauth/token/"}, respond={"error": "invalid_grant", "message": "Gone."})

    response = client.post("/v2/oauth/token/", data=REFRESH_FORM)

    assert response.status_code == 200
    assert response.json() == {
        "error": "invalid_grant",
        "error_description": "Gone.",
        "log_id": response.headers["x-tt-logid"],
    }


def test_a_shop_code_answers_in_the_shop_envelope(client):
    add(client, match={"path": "/order/202309/orders/search"}, respond={"error": 36009004, "status": 400})

    response = client.post("/order/202309/orders/search?app_key=6demo00shop", json={})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 36009004 and body["data"] is None
    assert body["request_id"] == response.headers["x-tt-logid"]


def test_a_shop_error_by_name_uses_tiktoks_code_and_message(client):
    add(client, match={"path": "/product/*"}, respond={"error": "access_token_expired"})

    body = client.get("/product/202309/products/1").json()

    assert body["code"] == 105002
    assert body["message"] == "access token is expired, please refresh it"


def test_an_oauth_error_on_the_consent_page_goes_back_to_the_redirect_uri(client):
    add(client, match={"path": "/v2/auth/authorize/"}, respond={"error": "access_denied"})

    response = client.get(
        "/v2/auth/authorize/?client_key=sbawdemo000001&response_type=code&scope=user.info.basic"
        "&redirect_uri=http://localhost:3000/callback&state=s1"
    )

    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith("http://localhost:3000/callback?error=access_denied&")
    assert location.endswith("&state=s1")


def test_a_glob_rule_with_a_v2_name_leaves_oauth_paths_alone(client):
    add(client, match={"path": "/v2/*"}, respond={"error": "internal_error"})

    assert user_info(client).status_code == 500
    assert "access_token" in client.post("/v2/oauth/token/", data=REFRESH_FORM).json()


def test_a_raw_status_and_body_are_sent_as_given(client):
    add(client, match={"path": "/v2/video/list/"}, respond={"status": 503, "body": "upstream down"})

    response = client.post("/v2/video/list/?fields=id", headers=BEARER, json={})

    assert (response.status_code, response.text) == (503, "upstream down")


def test_times_stops_the_fault_after_n_answers(client):
    add(client, match={"path": "/v2/user/info/"}, respond={"error": "internal_error"}, times=2)

    assert [user_info(client).status_code for _ in range(3)] == [500, 500, 200]


def test_whole_numbers_written_with_a_zero_fraction_are_those_integers(client):
    rule = add(client, match={"path": "/v2/user/info/"}, respond={"error": "internal_error"}, times=2.0, after=1.0)

    assert (rule["times"], rule["after"]) == (2, 1)
    assert [user_info(client).status_code for _ in range(4)] == [200, 500, 500, 200]


def test_a_count_with_a_fraction_is_a_400_naming_it(client):
    response = client.post("/_mock/faults", json={"respond": {"error": "internal_error"}, "times": 1.5})

    assert (response.status_code, response.json()["field"]) == (400, "times")


def test_after_lets_n_requests_through_first(client):
    add(client, match={"path": "/v2/user/info/"}, respond={"error": "internal_error"}, after=1)

    assert [user_info(client).status_code for _ in range(3)] == [200, 500, 500]


def test_probability_repeats_the_same_pattern_after_a_reset(client):
    def pattern():
        add(client, match={"path": "/v2/user/info/"}, respond={"error": "internal_error"}, probability=0.5)
        return [user_info(client).status_code for _ in range(12)]

    first = pattern()
    client.post("/_mock/reset")
    assert pattern() == first
    assert set(first) == {200, 500}


def test_rules_match_on_method(client):
    add(client, match={"method": "post", "path": "/v2/user/info/"}, respond={"error": "internal_error"})

    assert user_info(client).status_code == 200


def test_rules_match_on_the_token_and_its_owner(client):
    open_id = client.get("/_mock/state").json()["tokens"][0]["open_id"]
    add(client, match={"open_id": open_id}, respond={"error": "access_token_invalid"})

    assert user_info(client).status_code == 401
    assert user_info(client, {"Authorization": "Bearer act.demo-dancequeen-full"}).status_code == 200


def test_rules_match_on_the_token_itself(client):
    add(client, match={"token": "act.demo-newbie-basic"}, respond={"error": "access_token_invalid"})

    assert user_info(client).status_code == 200
    assert user_info(client, {"Authorization": "Bearer act.demo-newbie-basic"}).status_code == 401


def test_the_newest_matching_rule_wins(client):
    add(client, match={"path": "/v2/user/info/"}, respond={"error": "internal_error"})
    add(client, match={"path": "/v2/user/info/"}, respond={"error": "rate_limit_exceeded"})

    assert user_info(client).status_code == 429


def test_listing_shows_each_rule_with_its_hit_counts(client):
    rule = add(client, match={"path": "/v2/user/info/"}, respond={"error": "internal_error"}, after=1)
    user_info(client)
    user_info(client)

    [listed] = client.get("/_mock/faults").json()["faults"]

    assert listed["id"] == rule["id"]
    assert (listed["seen"], listed["hits"]) == (2, 1)


def test_delete_one_rule_by_id(client):
    first = add(client, match={"path": "/v2/user/info/"}, respond={"error": "internal_error"})
    add(client, match={"path": "/v2/video/*"}, respond={"error": "internal_error"})

    assert client.delete(f"/_mock/faults/{first['id']}").status_code == 200

    assert [rule["match"]["path"] for rule in client.get("/_mock/faults").json()["faults"]] == [["/v2/video/*"]]
    assert user_info(client).status_code == 200


def test_deleting_an_unknown_rule_is_a_404_naming_the_id(client):
    response = client.delete("/_mock/faults/f999")

    assert response.status_code == 404
    assert response.json()["field"] == "id"


def test_delete_all_rules(client):
    add(client, respond={"error": "internal_error"})

    assert client.delete("/_mock/faults").json() == {"cleared": 1}
    assert user_info(client).status_code == 200


def test_an_unknown_error_name_is_a_400_naming_the_field(client):
    response = client.post("/_mock/faults", json={"respond": {"error": "teapot"}})

    assert response.status_code == 400
    assert response.json()["field"] == "respond.error"
    assert "rate_limit_exceeded" in response.json()["error"]


def test_an_error_the_paths_family_lacks_is_a_400(client):
    response = client.post(
        "/_mock/faults", json={"match": {"path": "/v2/oauth/token/"}, "respond": {"error": "rate_limit_exceeded"}}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "respond"


def test_a_rule_without_an_answer_is_a_400(client):
    response = client.post("/_mock/faults", json={"match": {"path": "/v2/user/info/"}})

    assert response.status_code == 400
    assert response.json()["field"] == "respond"


def test_a_bad_probability_is_a_400_naming_it(client):
    response = client.post("/_mock/faults", json={"respond": {"error": "internal_error"}, "probability": 2})

    assert (response.status_code, response.json()["field"]) == (400, "probability")


def test_an_unknown_field_is_a_400_naming_it(client):
    response = client.post("/_mock/faults", json={"respond": {"error": "internal_error"}, "tims": 2})

    assert (response.status_code, response.json()["field"]) == (400, "tims")


def test_a_body_that_is_not_json_is_a_400(client):
    response = client.post("/_mock/faults", content=b"{nope", headers={"content-type": "application/json"})

    assert response.status_code == 400
    assert "JSON" in response.json()["error"]
