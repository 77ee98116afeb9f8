"""The address book through Saleor's storefront mutations: Indonesian rules, defaults, scope."""

# ruff: noqa: E501  (GraphQL documents read best unwrapped)

import pytest

from marketplace.accounts.models import AccountAddress
from marketplace.regions.models import District
from tests.factories.accounts import UserFactory

ADDRESS = "id firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode countryArea country { code country } phone isDefaultShippingAddress isDefaultBillingAddress"
CREATE = f"""
mutation($input: AddressInput!, $type: AddressTypeEnum) {{
  accountAddressCreate(input: $input, type: $type) {{
    address {{ {ADDRESS} }}
    user {{ defaultShippingAddress {{ id }} defaultBillingAddress {{ id }} addresses {{ id }} }}
    errors {{ field code message }}
  }}
}}
"""
UPDATE = f"""
mutation($id: ID!, $input: AddressInput!) {{
  accountAddressUpdate(id: $id, input: $input) {{ address {{ {ADDRESS} }} errors {{ field code message }} }}
}}
"""
DELETE = """
mutation($id: ID!) {
  accountAddressDelete(id: $id) {
    address { id } user { addresses { id } defaultShippingAddress { id } } errors { field code }
  }
}
"""
SET_DEFAULT = """
mutation($id: ID!, $type: AddressTypeEnum!) {
  accountSetDefaultAddress(id: $id, type: $type) {
    user { defaultShippingAddress { id } defaultBillingAddress { id } } errors { field code }
  }
}
"""


@pytest.fixture
def kecamatan(db):
    return District.objects.filter(regency_id="51.05").order_by("code").first()


def bali_address(kecamatan, **overrides):
    address = {
        "firstName": "Ni Made",
        "lastName": "Sari",
        "streetAddress1": "Jl. Gunung Batur No. 7, RT 02/RW 01",
        "streetAddress2": "Desa Tojan",
        "city": "Kabupaten Klungkung",
        "cityArea": kecamatan.name,
        "postalCode": "80761",
        "country": "ID",
        "countryArea": "Bali",
        "phone": "0812-3456-7801",
    }
    address.update(overrides)
    return address


def test_first_address_is_saved_with_region_names_and_becomes_both_defaults(api, kecamatan):
    user = UserFactory()
    api.login(user)

    result = api.execute(CREATE, {"input": bali_address(kecamatan)})["accountAddressCreate"]

    saved = AccountAddress.objects.get(user=user)
    assert result["errors"] == []
    assert result["address"] == {
        "id": result["address"]["id"],
        "firstName": "Ni Made",
        "lastName": "Sari",
        "companyName": "",
        "streetAddress1": "Jl. Gunung Batur No. 7, RT 02/RW 01",
        "streetAddress2": "Desa Tojan",
        "city": "Kabupaten Klungkung",
        "cityArea": kecamatan.name,
        "postalCode": "80761",
        "countryArea": "Bali",
        "country": {"code": "ID", "country": "Indonesia"},
        "phone": "+6281234567801",
        "isDefaultShippingAddress": True,
        "isDefaultBillingAddress": True,
    }
    assert (saved.regency_id, saved.district_id, saved.province_id) == (
        "51.05",
        kecamatan.code,
        "51",
    )
    assert result["user"] == {
        "defaultShippingAddress": {"id": result["address"]["id"]},
        "defaultBillingAddress": {"id": result["address"]["id"]},
        "addresses": [{"id": result["address"]["id"]}],
    }


def test_a_second_address_with_type_takes_only_that_default(api, kecamatan):
    user = UserFactory()
    api.login(user)
    first = api.execute(CREATE, {"input": bali_address(kecamatan)})["accountAddressCreate"][
        "address"
    ]

    second = api.execute(
        CREATE, {"input": bali_address(kecamatan, firstName="Kantor"), "type": "BILLING"}
    )["accountAddressCreate"]

    assert second["user"]["defaultShippingAddress"] == {"id": first["id"]}
    assert second["user"]["defaultBillingAddress"] == {"id": second["address"]["id"]}
    assert len(second["user"]["addresses"]) == 2


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"postalCode": "8076"}, "postalCode", "INVALID"),
        ({"postalCode": ""}, "postalCode", "REQUIRED"),
        ({"cityArea": ""}, "cityArea", "REQUIRED"),
        ({"cityArea": "Kuta"}, "input", "INVALID"),  # Kuta lies in Badung, not Klungkung
        ({"city": "Kabupaten Badung", "countryArea": "Aceh"}, "input", "INVALID"),
        ({"streetAddress1": " "}, "streetAddress1", "REQUIRED"),
        ({"phone": "12"}, "phone", "INVALID"),
    ],
)
def test_an_address_the_region_data_contradicts_is_refused_and_nothing_is_saved(
    api, kecamatan, overrides, field, code
):
    user = UserFactory()
    api.login(user)

    result = api.execute(CREATE, {"input": bali_address(kecamatan, **overrides)})[
        "accountAddressCreate"
    ]

    assert result["address"] is None
    assert len(result["errors"]) == 1
    assert (result["errors"][0]["field"], result["errors"][0]["code"]) == (field, code)
    assert result["errors"][0]["message"]
    assert not AccountAddress.objects.exists()
    user.refresh_from_db()
    assert user.default_shipping_address_id is None


def test_the_refusal_is_in_indonesian_for_an_indonesian_shopper(kecamatan):
    from tests.graphql.conftest import ApiClient

    user = UserFactory()
    api = ApiClient(language="id").login(user)

    result = api.execute(CREATE, {"input": bali_address(kecamatan, postalCode="123")})[
        "accountAddressCreate"
    ]

    assert result["errors"][0]["message"] == "Kode pos terdiri dari 5 angka."


def test_update_changes_the_address_and_keeps_the_defaults(api, kecamatan):
    user = UserFactory()
    api.login(user)
    created = api.execute(CREATE, {"input": bali_address(kecamatan)})["accountAddressCreate"][
        "address"
    ]

    result = api.execute(
        UPDATE, {"id": created["id"], "input": bali_address(kecamatan, postalCode="80762")}
    )["accountAddressUpdate"]

    assert result["errors"] == []
    assert result["address"]["postalCode"] == "80762"
    assert result["address"]["isDefaultShippingAddress"] is True
    assert AccountAddress.objects.get().postal_code == "80762"


def test_someone_elses_address_is_not_found_and_stays_as_it_was(api, kecamatan):
    owner = UserFactory()
    api.login(owner)
    created = api.execute(CREATE, {"input": bali_address(kecamatan)})["accountAddressCreate"][
        "address"
    ]
    api.login(UserFactory())

    updated = api.execute(
        UPDATE, {"id": created["id"], "input": bali_address(kecamatan, firstName="Maling")}
    )
    deleted = api.execute(DELETE, {"id": created["id"]})
    defaulted = api.execute(SET_DEFAULT, {"id": created["id"], "type": "SHIPPING"})

    assert updated["accountAddressUpdate"]["errors"][0]["code"] == "NOT_FOUND"
    assert deleted["accountAddressDelete"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert defaulted["accountSetDefaultAddress"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    address = AccountAddress.objects.get()
    assert (address.user_id, address.first_name) == (owner.pk, "Ni Made")


def test_delete_removes_the_address_and_clears_the_default(api, kecamatan):
    user = UserFactory()
    api.login(user)
    created = api.execute(CREATE, {"input": bali_address(kecamatan)})["accountAddressCreate"][
        "address"
    ]

    result = api.execute(DELETE, {"id": created["id"]})["accountAddressDelete"]

    assert result == {
        "address": {"id": created["id"]},
        "user": {"addresses": [], "defaultShippingAddress": None},
        "errors": [],
    }
    assert not AccountAddress.objects.exists()


def test_set_default_moves_only_the_given_kind(api, kecamatan):
    user = UserFactory()
    api.login(user)
    first = api.execute(CREATE, {"input": bali_address(kecamatan)})["accountAddressCreate"][
        "address"
    ]
    second = api.execute(CREATE, {"input": bali_address(kecamatan, firstName="Kantor")})[
        "accountAddressCreate"
    ]["address"]

    result = api.execute(SET_DEFAULT, {"id": second["id"], "type": "SHIPPING"})[
        "accountSetDefaultAddress"
    ]

    assert result == {
        "user": {
            "defaultShippingAddress": {"id": second["id"]},
            "defaultBillingAddress": {"id": first["id"]},
        },
        "errors": [],
    }


def test_anonymous_callers_are_refused(api, kecamatan):
    response = api.post(CREATE, {"input": bali_address(kecamatan)})

    content = response.json()
    assert content["data"] == {"accountAddressCreate": None}
    assert content["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}
    assert not AccountAddress.objects.exists()


def test_another_users_addresses_are_not_shown_through_the_user_type(api, kecamatan):
    user = UserFactory()
    api.login(user)
    api.execute(CREATE, {"input": bali_address(kecamatan)})

    me = api.execute("{ me { addresses { id } defaultShippingAddress { id } } }")["me"]

    assert len(me["addresses"]) == 1
    assert me["defaultShippingAddress"] == me["addresses"][0]
