from functools import wraps

from organisations.access import get_cooperation_or_404


def with_cooperation(view):
    """Resolve the `slug` URL argument to the cooperation (404 if unknown) and pass it on.

    Sets `request.cooperation` so the base template shows the cooperation's menu.
    """

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        cooperation = get_cooperation_or_404(slug)
        request.cooperation = cooperation
        return view(request, cooperation, *args, **kwargs)

    return wrapper
