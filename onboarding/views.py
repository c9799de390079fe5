"""The start page, the landing after sign-in, a cooperation's own "Mina uppgifter", and the onboarding pages.

Thin views: forms for the input, `onboarding.services` for every write, `onboarding.selectors` for reads.
The system pages are a system administrator's (superuser); the setup pages the secretariat's of the
cooperation (and a system administrator's); anyone else gets the 404 page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core import worklist as worklist_registry
from core.forms import add_service_errors
from onboarding import selectors, services
from onboarding.forms import BodyRowFormSet, CooperationForm, KoladaForm, MembersForm, RuleForm
from organisations.access import cooperations_where, may_act_for
from organisations.decorators import with_cooperation
from organisations.models import Body, Cooperation, Municipality, StaffRole
from organisations.services import national_list_import, national_list_rows


def _require_system_admin(user):
    if not (user.is_active and user.is_superuser):
        raise Http404


def _require_secretariat(user, cooperation):
    if not may_act_for(user, cooperation, "secretariat"):
        raise Http404


# The start page and the landing after sign-in -------------------------------------------------------------


def start(request):
    """`/`: the cooperations on this installation (name, members, programme in force, next meeting), with a
    search. With exactly one cooperation the page goes straight to it (SAMVERKAN_SINGLE_COOPERATION_REDIRECT),
    except for a system administrator, who finds the links to create another one and to the national list here."""
    query = request.GET.get("q", "").strip()[:100]
    total = Cooperation.objects.count()
    is_system_admin = request.user.is_active and request.user.is_superuser
    if total == 0 and not is_system_admin:
        return render(request, "core/empty.html")
    if (
        total == 1
        and not query
        and not is_system_admin
        and getattr(settings, "SAMVERKAN_SINGLE_COOPERATION_REDIRECT", True)
    ):
        return redirect(Cooperation.objects.get().get_absolute_url())
    page = Paginator(selectors.cooperations(query), selectors.PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(
        request,
        "onboarding/start.html",
        {
            "query": query,
            "page": page,
            "cards": selectors.cards(page.object_list, request.user),
            "total": total,
            "is_system_admin": is_system_admin,
        },
    )


@login_required
def landing(request):
    """Where sign-in lands: the "Mina uppgifter" of the user's own cooperation (the default one when they work in
    several and it is among them, else the first by name); all tasks when they hold no role."""
    own = cooperations_where(request.user, *StaffRole.Role.values)
    if not own:
        # A system administrator without a role in any cooperation starts from the list of cooperations.
        return redirect("home" if request.user.is_superuser else "worklist")
    chosen = next((c for c in own if c.is_default), own[0])
    return redirect("onboarding:worklist", slug=chosen.slug)


@login_required
@with_cooperation
def cooperation_worklist(request, cooperation):
    """ "Mina uppgifter" in one cooperation: the user's tasks there (core.worklist), in the cooperation's menu."""
    items = [
        i
        for i in worklist_registry.items_for(request.user)
        if getattr(i.cooperation, "pk", None) in (cooperation.pk, None)
    ]
    return render(
        request,
        "onboarding/worklist.html",
        {
            "groups": worklist_registry.grouped(items),
            "item_count": len(items),
            "overdue_count": sum(1 for item in items if item.overdue),
        },
    )


# The system administrator's pages --------------------------------------------------------------------------


@login_required
def cooperation_new(request):
    _require_system_admin(request.user)
    form = CooperationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cooperation, user, invited = services.cooperation_start(
                actor=request.user,
                name=form.cleaned_data["name"],
                slug=form.cleaned_data["slug"],
                secretariat_email=form.cleaned_data["secretariat_email"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if invited:
                messages.success(
                    request,
                    _("%(name)s was created. %(email)s was sent a link to set a password and start the setup.")
                    % {"name": cooperation.name, "email": user.email},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s was created. %(user)s now has the secretariat's role.")
                    % {"name": cooperation.name, "user": user.get_full_name() or user.username},
                )
            return redirect("onboarding:setup", slug=cooperation.slug)
    return render(
        request,
        "onboarding/cooperation_new.html",
        {
            "form": form,
            "national_list_missing": _national_list_missing(),
        },
    )


def _national_list_missing() -> bool:
    codes = [r["code"] for r in national_list_rows()]
    return Municipality.objects.filter(code__in=codes).count() < len(codes)


@login_required
def national_list(request):
    """The shipped national list of municipalities and regions: how much of it is here; import it (again)."""
    _require_system_admin(request.user)
    if request.method == "POST":
        result = national_list_import(actor=request.user)
        messages.success(
            request,
            _("%(total)s municipalities and regions: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
            % {
                "total": result.total,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        back = request.POST.get("next", "")
        return redirect(back if back == reverse("system:cooperation_new") else "system:national_list")
    rows = national_list_rows()
    return render(
        request,
        "onboarding/national_list.html",
        {
            "shipped": len(rows),
            "shipped_regions": sum(1 for r in rows if r["kind"] == Municipality.Kind.REGION),
            "here": Municipality.objects.filter(code__in=[r["code"] for r in rows]).count(),
            "municipalities": Municipality.objects.count(),
        },
    )


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The link in the invitation: the new secretariat sets a password, which activates the account and signs
    it in (Django's password-reset tokens: single use, valid for PASSWORD_RESET_TIMEOUT)."""

    template_name = "onboarding/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("landing")

    def form_valid(self, form):
        form.user.is_active = True
        response = super().form_valid(form)
        # The first sign-in of a new secretariat goes straight to the setup of its cooperation.
        for cooperation in cooperations_where(form.user, StaffRole.Role.SECRETARIAT):
            if not selectors.setup_state(cooperation).done:
                return redirect("onboarding:members", slug=cooperation.slug)
        return response


# The secretariat's setup pages -----------------------------------------------------------------------------


def _steps(cooperation, current: str):
    names = [
        ("members", pgettext("member municipalities", "Members")),
        ("bodies", _("Bodies")),
        ("rules", _("Meeting rules")),
        ("kolada", _("Kolada group")),
    ]
    return [
        {"name": n, "label": label, "url": reverse(f"onboarding:{n}", args=[cooperation.slug]), "current": n == current}
        for n, label in names
    ]


def _next(cooperation, step: str):
    order = ["members", "bodies", "rules", "kolada"]
    following = order[order.index(step) + 1] if step != order[-1] else None
    return redirect(f"onboarding:{following}" if following else "onboarding:setup", slug=cooperation.slug)


@login_required
@with_cooperation
def setup(request, cooperation):
    _require_secretariat(request.user, cooperation)
    return render(
        request,
        "onboarding/setup.html",
        {
            "state": selectors.setup_state(cooperation),
            "steps": _steps(cooperation, ""),
            "members": selectors.current_members(cooperation),
            "bodies": selectors.bodies(cooperation),
        },
    )


@login_required
@with_cooperation
def setup_members(request, cooperation):
    _require_secretariat(request.user, cooperation)
    query = request.GET.get("q", "").strip()[:100]
    found = selectors.search_municipalities(query)
    data = request.POST or None
    if data is not None:
        found = list(Municipality.objects.filter(code__in=request.POST.getlist("chosen")))
    form = MembersForm(data, found=found)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.parse_codes(form.cleaned_data["codes"]) + list(form.cleaned_data["chosen"])
            added = services.members_add(
                actor=request.user, cooperation=cooperation, codes=codes, joined=form.cleaned_data["joined"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext("%(count)s member was added.", "%(count)s members were added.", len(added))
                % {"count": len(added)},
            )
            return _next(cooperation, "members")
    return render(
        request,
        "onboarding/members.html",
        {
            "form": form,
            "query": query,
            "found": found,
            "searched": bool(query),
            "members": selectors.current_members(cooperation),
            "steps": _steps(cooperation, "members"),
        },
    )


@login_required
@with_cooperation
def setup_bodies(request, cooperation):
    _require_secretariat(request.user, cooperation)
    formset = BodyRowFormSet(request.POST or None, prefix="organ")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            created = services.bodies_create(
                actor=request.user, cooperation=cooperation, rows=[f.cleaned_data for f in formset.forms]
            )
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(
                request,
                ngettext("%(count)s body was added.", "%(count)s bodies were added.", len(created))
                % {"count": len(created)},
            )
            return _next(cooperation, "bodies")
    return render(
        request,
        "onboarding/bodies.html",
        {
            "formset": formset,
            "errors": errors,
            "bodies": selectors.bodies(cooperation),
            "steps": _steps(cooperation, "bodies"),
        },
    )


@login_required
@with_cooperation
def setup_rules(request, cooperation):
    _require_secretariat(request.user, cooperation)
    bodies = selectors.bodies(cooperation)
    if not bodies:
        messages.info(request, _("Name the bodies first; then set their meeting rules."))
        return redirect("onboarding:bodies", slug=cooperation.slug)
    forms = []
    for body in bodies:
        rule = getattr(body, "calendar_rule", None)
        initial = (
            {}
            if rule is None
            else {
                "weekday": rule.weekday,
                "start_time": rule.start_time,
                "end_time": rule.end_time,
                "min_meetings": rule.min_meetings,
                "must_precede": rule.must_precede,
                "rotate_hosts": rule.rotate_hosts,
            }
        )
        others = Body.objects.filter(cooperation=cooperation).exclude(pk=body.pk).order_by("name")
        forms.append(
            RuleForm(request.POST or None, prefix=f"regel-{body.pk}", body=body, others=others, initial=initial)
        )
    errors: list[str] = []
    if request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            services.meeting_rules_set(
                actor=request.user, cooperation=cooperation, rules={f.body: f.cleaned_data for f in forms}
            )
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(request, _("The meeting rules were saved."))
            return _next(cooperation, "rules")
    return render(
        request,
        "onboarding/rules.html",
        {
            "forms": forms,
            "errors": errors,
            "steps": _steps(cooperation, "rules"),
        },
    )


@login_required
@with_cooperation
def setup_kolada(request, cooperation):
    _require_secretariat(request.user, cooperation)
    state = selectors.setup_state(cooperation)
    initial = {"kolada_group_id": state.key_figure_group.kolada_group_id if state.key_figure_group else ""}
    form = KoladaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.kolada_group_set(
                actor=request.user, cooperation=cooperation, kolada_group_id=form.cleaned_data["kolada_group_id"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The Kolada group was saved."))
            return _next(cooperation, "kolada")
    return render(
        request,
        "onboarding/kolada.html",
        {
            "form": form,
            "steps": _steps(cooperation, "kolada"),
        },
    )
