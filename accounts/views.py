from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import audit, selectors, services
from accounts.forms import RoleMappingForm
from accounts.models import RoleMapping
from organisations.access import may_act_for
from organisations.decorators import with_cooperation

#: Session key of a local sign-in whose password was right and whose TOTP code is still to come.
MFA_PENDING = "samverkan_mfa_pending"
MFA_MAX_TRIES = 5


def _totp_of(user) -> Authenticator | None:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()


class LoginView(auth_views.LoginView):
    """Local accounts (Django's login view, throttled by django-axes; a TOTP code next when the account
    has one) and a button per municipality whose identity provider is configured."""

    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["identity_providers"] = selectors.sign_in_choices()
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # A municipality's button posts here and is redirected to its provider: the CSP's form-action
        # must allow that provider's origin on this page (and only here).
        origins = sorted({p.sign_in_origin for p in context["identity_providers"]} - {None})
        if origins:
            response._csp_update = {"form-action": origins}
        return response

    def form_invalid(self, form):
        services.sign_in_event_record(action=audit.SIGN_IN_FAILED, detail=self.request.POST.get("username", "")[:150])
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        if _totp_of(user) is None:
            services.sign_in_event_record(action=audit.SIGNED_IN, user=user)
            response = super().form_valid(form)
            record_authentication(
                self.request, user, method="password", username=user.get_username(), reauthenticated=True
            )
            return response
        self.request.session[MFA_PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "tries": 0,
        }
        return redirect("samverkan_mfa_challenge")


@require_http_methods(["GET", "POST"])
def mfa_challenge(request):
    """The second step of a local sign-in: the code from the authenticator app."""
    pending = request.session.get(MFA_PENDING)
    if not pending:
        return redirect("login")
    error = ""
    if request.method == "POST":
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
        authenticator = _totp_of(user) if user else None
        code = request.POST.get("code", "").strip()
        if authenticator is not None and code and TOTP(authenticator).validate_code(code):
            del request.session[MFA_PENDING]
            services.sign_in_event_record(action=audit.SIGNED_IN, user=user, detail="totp")
            login(request, user, backend=pending["backend"])
            record_authentication(request, user, method="password", username=user.get_username(), reauthenticated=True)
            record_authentication(request, user, method="mfa", type="totp", id=authenticator.pk)
            return redirect(pending["next"])
        pending["tries"] += 1
        services.sign_in_event_record(action=audit.SIGN_IN_FAILED, user=user, detail="totp")
        if pending["tries"] >= MFA_MAX_TRIES:
            del request.session[MFA_PENDING]
            return redirect("login")
        request.session[MFA_PENDING] = pending
        error = _("The code is not correct. Enter the current code from your authenticator app.")
    return render(request, "accounts/mfa_challenge.html", {"error": error}, status=400 if error else 200)


def _sign_in_page(request, cooperation, form=None, status=200):
    providers = selectors.providers_of(cooperation)
    form = form or RoleMappingForm(cooperation=cooperation, providers=providers)
    return render(
        request,
        "accounts/sign_in_admin.html",
        {
            "cooperation": cooperation,
            "providers": providers,
            "form": form,
            "events": selectors.sign_in_events_of(cooperation, providers),
            "role_changes": selectors.provider_role_changes_of(cooperation),
        },
        status=status,
    )


def _secretariat_only(request, cooperation):
    if not may_act_for(request.user, cooperation, "secretariat"):
        raise Http404


@login_required
@require_http_methods(["GET"])
@with_cooperation
def sign_in_admin(request, cooperation):
    """The secretariat's page of sign-in: the members' identity providers and their role mappings in this
    cooperation, the sign-in events and the roles the providers granted and ended."""
    _secretariat_only(request, cooperation)
    return _sign_in_page(request, cooperation)


@login_required
@require_http_methods(["POST"])
@with_cooperation
def role_mapping_add(request, cooperation):
    _secretariat_only(request, cooperation)
    providers = selectors.providers_of(cooperation)
    form = RoleMappingForm(request.POST, cooperation=cooperation, providers=providers)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.role_mapping_create(
                actor=request.user,
                provider=data["provider"],
                group=data["group"],
                role=data["role"],
                body=data["body"],
                cooperation=cooperation,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The role mapping was added."))
            return redirect("accounts:sign_in_admin", slug=cooperation.slug)
    return _sign_in_page(request, cooperation, form=form, status=400)


@login_required
@require_http_methods(["POST"])
@with_cooperation
def role_mapping_remove(request, cooperation, pk):
    _secretariat_only(request, cooperation)
    mapping = get_object_or_404(RoleMapping, pk=pk, cooperation=cooperation)
    services.role_mapping_delete(actor=request.user, mapping=mapping)
    messages.success(request, _("The role mapping was removed."))
    return redirect("accounts:sign_in_admin", slug=cooperation.slug)
