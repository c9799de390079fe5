from django.core.management.base import BaseCommand, CommandError

from search import index, registry


class Command(BaseCommand):
    help = "Rebuild the search index of every registered kind (or of the kinds named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Only these kinds (e.g. goal paragraph).")

    def handle(self, *args, kinds=None, **options):
        unknown = [k for k in kinds or [] if registry.get(k) is None]
        if unknown:
            known = ", ".join(i.kind for i in registry.indexers())
            raise CommandError(f"Okänd sort: {', '.join(unknown)}. Kända: {known}")
        for kind, count in index.reindex(kinds or None).items():
            self.stdout.write(f"{kind}: {count}")
