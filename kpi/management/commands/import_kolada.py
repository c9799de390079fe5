"""manage.py import_kolada --group "Södertörns nyckeltal" --years 2010-2025
manage.py import_kolada --kpi N01951,N01982 --years 2014 [--cooperation sodertorn] [--all-municipalities]

Fetches metadata (municipalities, key figures, the group's Kolada group) and the values from Kolada v3
(settings.KOLADA_BASE_URL), one transaction per key figure, bulk upserts, and prints progress.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from core.services import SYSTEM
from kpi.kolada import KoladaClient, KoladaError
from kpi.models import ImportBatch, KeyFigure, KeyFigureGroup
from kpi.selectors import COUNTRY_ID, county_id_for
from kpi.services import (
    import_batch_start,
    import_from_kolada,
    parse_year_range,
    upsert_areas,
    upsert_figure_from_kolada,
)
from organisations.models import Cooperation


class Command(BaseCommand):
    help = "Import key-figure values from Kolada (API v3)."

    def add_arguments(self, parser):
        parser.add_argument("--group", help="Name (or slug) of a key-figure group of the cooperation.")
        parser.add_argument("--kpi", help="Comma-separated Kolada ids, e.g. N01951,N01982.")
        parser.add_argument("--years", required=True, help="Year or range, e.g. 2010-2025.")
        parser.add_argument("--cooperation", help="Slug of the cooperation (default: the default cooperation).")
        parser.add_argument(
            "--all-municipalities",
            action="store_true",
            help="Import every municipality, not only the members, county and country.",
        )
        parser.add_argument("--base-url", help="Kolada base URL (default: settings.KOLADA_BASE_URL).")
        parser.add_argument("--rate", type=float, default=5.0, help="Requests per second at most (default 5).")

    def handle(self, *args, **options):
        with translation.override("sv"):
            self._handle(**options)

    def _handle(self, **options):
        try:
            years = parse_year_range(options["years"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        if not options["group"] and not options["kpi"]:
            raise CommandError(_("Give --group or --kpi."))
        cooperation = self._cooperation(options["cooperation"])
        group = None
        if options["group"]:
            group = (
                KeyFigureGroup.objects.filter(cooperation=cooperation, name=options["group"]).first()
                or KeyFigureGroup.objects.filter(cooperation=cooperation, slug=options["group"]).first()
            )
            if group is None:
                raise CommandError(
                    _("Unknown key-figure group: %(group)r in %(cooperation)s.")
                    % {"group": options["group"], "cooperation": cooperation}
                )
        ids = []
        if group:
            ids += list(group.items.order_by("order").values_list("figure__kolada_id", flat=True))
        if options["kpi"]:
            ids += [i.strip().upper() for i in options["kpi"].split(",") if i.strip()]
        ids = list(dict.fromkeys(ids))
        log = self.stdout.write
        client = KoladaClient(options["base_url"], requests_per_second=options["rate"] or None)
        try:
            log(_("Fetching metadata from %(url)s …") % {"url": client.base_url})
            upsert_areas(client.municipalities(), actor=SYSTEM)
            if group and group.kolada_group_id:
                upsert_areas(client.municipality_groups([group.kolada_group_id]), actor=SYSTEM, area_type="G")
            found = {meta["id"] for meta in client.kpis(ids) if upsert_figure_from_kolada(meta, actor=SYSTEM)}
            unknown = [i for i in ids if i not in found]
            if unknown:
                raise CommandError(
                    _("Key figures unknown to Kolada: %(ids)s. Nothing was imported.") % {"ids": ", ".join(unknown)}
                )
            figures = sorted(KeyFigure.objects.filter(kolada_id__in=ids), key=lambda f: ids.index(f.kolada_id))
            municipalities = None
            if not options["all_municipalities"]:
                codes = list(cooperation.current_members().values_list("code", flat=True))
                municipalities = codes + ([county_id_for(codes[0])] if codes else []) + [COUNTRY_ID]
                if group and group.kolada_group_id:
                    municipalities.append(group.kolada_group_id)
            batch = import_batch_start(
                actor=SYSTEM,
                kind=ImportBatch.Kind.KOLADA,
                source=client.base_url,
                note=_("%(ids)s; years %(first)s–%(last)s")
                % {"ids": ", ".join(ids), "first": years[0], "last": years[-1]},
            )
            results = import_from_kolada(
                client, figures, actor=SYSTEM, municipality_ids=municipalities, years=years, batch=batch, log=log
            )
        except KoladaError as exc:
            raise CommandError(str(exc)) from None
        finally:
            client.close()
        failed = {k: v for k, v in results.items() if isinstance(v, str)}
        log(
            _("Done: %(values)s values in %(figures)s key figures (%(requests)s requests).")
            % {"values": batch.value_count, "figures": len(results) - len(failed), "requests": client.request_count}
        )
        if failed:
            raise CommandError(
                _("These key figures were not imported (earlier values are untouched): ")
                + "; ".join(f"{k}: {v}" for k, v in failed.items())
            )

    def _cooperation(self, slug):
        if slug:
            coop = Cooperation.objects.filter(slug=slug).first()
        else:
            coop = Cooperation.objects.filter(is_default=True).first() or Cooperation.objects.first()
        if coop is None:
            raise CommandError(_("Unknown cooperation: %(slug)r.") % {"slug": slug})
        return coop
