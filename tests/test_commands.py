"""Every management command of the project, and haystack's that the README names, answers --help."""

import pytest
from django.core.management import call_command, get_commands


def project_commands():
    names = {name for name, app in get_commands().items() if app in {"articles", "search"}}
    return sorted(names | {"rebuild_index", "update_index", "clear_index"})


@pytest.mark.parametrize("name", project_commands())
def test_command_help(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command(name, "--help")
    assert exit_info.value.code == 0
    assert "usage:" in capsys.readouterr().out
