"""Owner-steering files: checked by content, generated names, downloaded only through the checking view."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from organisations.models import Organisation, OwnerSteeringRecord

XSS = b"%PDF-1.4\n<script>alert(1)</script>\n"


def real_docx() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Ägardirektiv")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def org(coop):
    return Organisation.objects.create(
        cooperation=coop, kind=Organisation.Kind.COMPANY, name="Bolaget AB", slug="bolaget"
    )


def test_steering_files_are_checked_stored_under_generated_names_and_downloaded_as_attachments(client, org):
    record = OwnerSteeringRecord(
        organisation=org,
        kind="directive",
        date=dt.date(2020, 5, 1),
        title="Ägardirektiv 2020",
        file=SimpleUploadedFile("direktiv.html", XSS),
    )
    with pytest.raises(ValidationError):
        record.full_clean()
    record.file = SimpleUploadedFile("direktiv.docx", real_docx())
    record.full_clean()
    record.save()
    assert re.fullmatch(r"owner-steering/[0-9a-f]{32}\.docx", record.file.name)
    url = record.file_url()
    assert url == f"/test/organisationer/bolaget/agarstyrning/{record.pk}/fil/"
    html = client.get("/test/organisationer/bolaget/").content.decode()
    assert f'href="{url}"' in html and "/media/" not in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == 'attachment; filename="agardirektiv-2020.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/annan/organisationer/bolaget/agarstyrning/{record.pk}/fil/").status_code == 404
    assert client.get(f"/test/organisationer/annat/agarstyrning/{record.pk}/fil/").status_code == 404
