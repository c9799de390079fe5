import pytest

from accounts.testing import running_oidc_provider


@pytest.fixture
def oidc():
    with running_oidc_provider() as provider:
        yield provider
