"""Generate demo images and PDFs locally (no downloads): used by the demo loaders and tests."""

import io
import zlib

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw


def make_image_file(name, colour=(0, 69, 125), size=(1200, 675)):
    """A JPEG with a calm two-colour composition, standing in for a press photo."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    lighter = tuple(min(255, c + 70) for c in colour)
    draw.rectangle([0, int(height * 0.62), width, height], fill=lighter)
    draw.ellipse(
        [int(width * 0.62), int(height * 0.12), int(width * 0.86), int(height * 0.55)], fill=(255, 214, 102)
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=name)


def _pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf_file(name, title, lines):
    """A small valid PDF with a title and text lines.

    Written by hand because no PDF library is a dependency of the project and the demo only needs
    a real, openable document; Latin-1 covers German umlauts with the standard Helvetica font.
    """
    text_ops = ["BT", "/F1 18 Tf", "72 770 Td", f"({_pdf_escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text_ops += ["0 -22 Td", f"({_pdf_escape(line)}) Tj"]
    text_ops.append("ET")
    stream = zlib.compress("\n".join(text_ops).encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return ContentFile(out.getvalue(), name=name)
