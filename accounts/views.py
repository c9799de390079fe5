import json

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.webauthn.internal import auth as webauthn
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
from accounts.forms import InvitationForm, InvitationPasswordForm, RoleMappingForm
from accounts.middleware import SECOND_FACTORS
from accounts.models import Invitation, RoleMapping
from core.forms import add_service_errors
from organisations.access import may_act_for
from organisations.decorators import with_cooperation

#: Session key of a local sign-in whose password was right and whose TOTP code is still to come.
MFA_PENDING = "samverkan_mfa_pending"
MFA_MAX_TRIES = 5


def _totp_of(user) -> Authenticator | None:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()


def _factors_of(user) -> set[str]:
    """The kinds of second factor `user` has set up (TOTP, WebAuthn)."""
    return set(Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).values_list("type", flat=True))


def _webauthn_verified(user, raw: str) -> Authenticator | None:
    """The security key that signed the challenge of this sign-in (allauth's check), or None."""
    try:
        credential = json.loads(raw)
        webauthn.parse_authentication_response(credential)
        return webauthn.complete_authentication(user, credential)
    except (ValueError, TypeError, KeyError, AttributeError, ValidationError):  # malformed or forged
        return None


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
        username = self.request.POST.get("username", "")[:150]
        # A wrong password for a known account is that person's event (the secretariat sees it); a name that
        # matches no account is recorded as typed.
        known = get_user_model().objects.filter(username=username).first() if username else None
        services.sign_in_event_record(action=audit.SIGN_IN_FAILED, user=known, detail=username)
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        if not _factors_of(user):
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
    """The second step of a local sign-in: the code from the authenticator app, or the security key."""
    pending = request.session.get(MFA_PENDING)
    if not pending:
        return redirect("login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        del request.session[MFA_PENDING]
        return redirect("login")
    factors = _factors_of(user)
    error = ""
    if request.method == "POST":
        authenticator, kind = None, "totp"
        if request.POST.get("credential"):
            kind = "webauthn"
            if Authenticator.Type.WEBAUTHN in factors:
                authenticator = _webauthn_verified(user, request.POST["credential"])
        else:
            totp = _totp_of(user)
            code = request.POST.get("code", "").strip()
            if totp is not None and code and TOTP(totp).validate_code(code):
                authenticator = totp
        if authenticator is not None:
            del request.session[MFA_PENDING]
            services.sign_in_event_record(action=audit.SIGNED_IN, user=user, detail=kind)
            login(request, user, backend=pending["backend"])
            record_authentication(request, user, method="password", username=user.get_username(), reauthenticated=True)
            record_authentication(request, user, method="mfa", type=kind, id=authenticator.pk)
            return redirect(pending["next"])
        pending["tries"] += 1
        services.sign_in_event_record(action=audit.SIGN_IN_FAILED, user=user, detail=kind)
        if pending["tries"] >= MFA_MAX_TRIES:
            del request.session[MFA_PENDING]
            return redirect("login")
        request.session[MFA_PENDING] = pending
        error = (
            _("The security key could not be verified. Try again or use your authenticator app.")
            if kind == "webauthn"
            else _("The code is not correct. Enter the current code from your authenticator app.")
        )
    context = {
        "error": error,
        "totp": Authenticator.Type.TOTP in factors,
        "webauthn": Authenticator.Type.WEBAUTHN in factors,
    }
    if context["webauthn"]:
        context["webauthn_data"] = {"request_options": webauthn.begin_authentication(user)}
    return render(request, "accounts/mfa_challenge.html", context, status=400 if error else 200)


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
            "role_changes": selectors.role_changes_of(cooperation),
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


# Invitations ---------------------------------------------------------------------------------------------------


def _invitations_page(request, cooperation, form=None, status=200):
    return render(
        request,
        "accounts/invitations.html",
        {
            "cooperation": cooperation,
            "form": form or InvitationForm(cooperation=cooperation),
            "invitations": selectors.invitations_of(cooperation),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@with_cooperation
def invitations(request, cooperation):
    """The secretariat invites people by e-mail to roles in its cooperation, and sees and withdraws invitations."""
    _secretariat_only(request, cooperation)
    if request.method == "GET":
        return _invitations_page(request, cooperation)
    form = InvitationForm(request.POST, cooperation=cooperation)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite(
                request.user,
                cooperation=cooperation,
                email=data["email"],
                role=data["role"],
                organisation=data["municipality"],
                network=data["network"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:invitations", slug=cooperation.slug)
    return _invitations_page(request, cooperation, form=form, status=400)


@login_required
@require_http_methods(["POST"])
@with_cooperation
def invitation_withdraw(request, cooperation, pk):
    _secretariat_only(request, cooperation)
    invitation = get_object_or_404(Invitation, pk=pk, cooperation=cooperation)
    try:
        services.invitation_withdraw(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
    return redirect("accounts:invitations", slug=cooperation.slug)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The invited person's page: accept by signing in (the municipality's provider or an existing account)
    or by choosing a password for a new local account."""
    found = services.invitation_by_token(token)
    refusal = services.invitation_refusal(found)
    if refusal:
        return render(request, "accounts/invitation.html", {"refusal": refusal}, status=404 if found is None else 410)
    form = InvitationPasswordForm()
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                services.invitation_accept(invitation=found, user=request.user)
                user = request.user
            else:
                form = InvitationPasswordForm(request.POST)
                if request.user.is_authenticated or not form.is_valid():
                    raise ValidationError(_("Correct the errors below."))
                data = form.cleaned_data
                user = services.invitation_accept_with_password(
                    invitation=found,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                record_authentication(request, user, method="password", username=user.get_username())
        except ValidationError as exc:
            if form.is_bound and hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:
                error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Welcome! You now have the role %(role)s in %(cooperation)s.")
                % {"role": found.role_label, "cooperation": found.cooperation.name},
            )
            return redirect("organisations:overview", slug=found.cooperation.slug)
    response = render(
        request,
        "accounts/invitation.html",
        {
            "invitation": found,
            "form": form,
            "error": error,
            "identity_providers": selectors.invitation_providers(found),
        },
        status=400 if request.method == "POST" else 200,
    )
    origins = sorted({p.sign_in_origin for p in selectors.invitation_providers(found)} - {None})
    if origins:
        response._csp_update = {"form-action": origins}
    return response
