import pytest

from accounts.testing import running_oidc_provider, running_saml_idp


@pytest.fixture
def oidc():
    with running_oidc_provider() as provider:
        yield provider


@pytest.fixture
def saml_idp():
    with running_saml_idp() as provider:
        yield provider
