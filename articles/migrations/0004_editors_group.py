"""The "Editors" group: correct articles, people, offices and meetings, merge people; not manage users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# model -> actions an editor may take on it. Articles come from the importer: editors correct them
# (view, change) but neither add nor delete them; everything an article reports they may fix outright.
EDITOR_PERMISSIONS = {
    "article": ("view", "change"),
    "person": ("view", "add", "change", "delete", "merge"),
    "personalias": ("view", "add", "change", "delete"),
    "office": ("view", "add", "change", "delete"),
    "officeholding": ("view", "add", "change", "delete"),
    "meeting": ("view", "add", "change", "delete"),
    "meetingparticipant": ("view", "add", "change", "delete"),
    "mention": ("view", "add", "change", "delete"),
    "photo": ("view", "add", "change", "delete"),
}


def codenames():
    return [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]


def create_editors(apps, schema_editor):
    # Django creates permissions after the last migration; the group needs them now.
    articles = apps.get_app_config("articles")
    articles.models_module = getattr(articles, "models_module", None) or True  # a migration state has none
    create_permissions(articles, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = codenames()
    permissions = list(Permission.objects.filter(content_type__app_label="articles", codename__in=wanted))
    missing = set(wanted) - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Editors group: permissions missing: {', '.join(sorted(missing))}")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_merge_permission_web_source_url"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
