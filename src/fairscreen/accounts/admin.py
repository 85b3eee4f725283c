"""Django admin for platform operators. Token secrets are never shown (only digests exist)."""

from typing import ClassVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from fairscreen.accounts.models import ApiToken, Membership, Organisation, RoleAssignment, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "domain", "time_zone", "locale", "created_at")
    search_fields = ("name", "domain")


class RoleAssignmentInline(admin.TabularInline[RoleAssignment, Membership]):
    model = RoleAssignment
    extra = 0


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "organisation", "created_at")
    list_filter = ("organisation",)
    inlines: ClassVar = [RoleAssignmentInline]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    ordering = ("email",)
    list_display = ("email", "display_name", "is_active", "is_staff")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "display_name", "password")}),
        ("Status", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "display_name", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ("is_active", "is_staff")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("name", "organisation", "key_id", "created_at", "last_used_at", "revoked_at")
    list_filter = ("organisation",)
    exclude = ("secret_digest",)
    readonly_fields = ("key_id", "created_at", "last_used_at")
