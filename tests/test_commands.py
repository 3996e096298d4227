"""Every management command of the project answers --help."""

import pytest
from django.core.management import call_command, get_commands


def project_commands():
    return sorted(name for name, app in get_commands().items() if app in {"articles", "search"})


@pytest.mark.parametrize("name", project_commands())
def test_command_help(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command(name, "--help")
    assert exit_info.value.code == 0
    assert "usage:" in capsys.readouterr().out
