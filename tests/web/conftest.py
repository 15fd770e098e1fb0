from tests.api.conftest import fake_client, scenarios_dir  # noqa: F401  the same app over a fake scorer
