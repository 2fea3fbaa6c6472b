"""The site around the content: home page, settings, legal pages, search synonyms."""

from demo.records import ContentPage, Paragraph, Text

HOME_TITLE = Text("Willkommen beim Städtetag", "Welcome to the Association of Cities")
HOME_SLUG = Text("startseite", "home")
HOME_INTRO = Text(
    "Der Städtetag vertritt die Interessen seiner Mitgliedsstädte gegenüber Land und Landtag, berät die Städte und informiert die Öffentlichkeit über kommunale Themen.",
    "The Association of Cities represents its member cities towards the state government and parliament, advises the cities and informs the public about municipal affairs.",
)

# The settings' texts (organisation, claim, footer) and their English versions.
SETTINGS_TEXTS = {
    "Städtetag": "Association of Cities",
    "Die Stimme der Städte": "The voice of the cities",
    "Impressum": "Legal notice",
    "Datenschutz": "Privacy",
    "Barrierefreiheit": "Accessibility",
    "Alle Inhalte dieser Website werden von der Geschäftsstelle gepflegt.": "All content on this website is maintained by the head office.",
}

# The pages every German public body's site needs, in the demo's own words (the accessibility
# statement is a page of its own type: demo/data/accessibility.py).
CONTENT_PAGES = [
    ContentPage(
        slug=Text("impressum", "legal-notice"),
        title=Text("Impressum", "Legal notice"),
        intro=Text("Angaben zum Anbieter dieser Website.", "Who provides this website."),
        body=(
            Paragraph(Text("Anbieter", "Provider"), tag="h2"),
            Paragraph(
                Text(
                    "Städtetag, Haus der kommunalen Selbstverwaltung, Frankfurter Straße 2, 65189 Wiesbaden. Vertreten durch die Geschäftsführung.",
                    "Städtetag, Haus der kommunalen Selbstverwaltung, Frankfurter Straße 2, 65189 Wiesbaden, Germany. Represented by the management.",
                ),
                tag="p",
            ),
            Paragraph(Text("Kontakt", "Contact"), tag="h2"),
            Paragraph(
                Text(
                    "Telefon 0611 1702 0, E-Mail post@staedtetag.example",
                    "Phone +49 611 1702 0, email post@staedtetag.example",
                ),
                tag="p",
            ),
        ),
    ),
    ContentPage(
        slug=Text("datenschutz", "privacy"),
        title=Text("Datenschutz", "Privacy"),
        intro=Text(
            "Wie wir mit Daten umgehen, wenn Sie diese Website besuchen.",
            "How we handle data when you visit this website.",
        ),
        body=(
            Paragraph(Text("Keine Dienste Dritter", "No third-party services"), tag="h2"),
            Paragraph(
                Text(
                    "Diese Website lädt keine Schriften, Skripte oder Bilder von anderen Servern und setzt keine Cookies für Besucherinnen und Besucher.",
                    "This website loads no fonts, scripts or images from other servers and sets no cookies for visitors.",
                ),
                tag="p",
            ),
            Paragraph(Text("Server-Protokolle", "Server logs"), tag="h2"),
            Paragraph(
                Text(
                    "Der Server speichert Zugriffe bis zu sieben Tage, um Störungen zu beheben.",
                    "The server keeps access logs for up to seven days to resolve faults.",
                ),
                tag="p",
            ),
        ),
    ),
]

SYNONYMS = [
    "Verkehr, Mobilität, ÖPNV, Nahverkehr, transport, mobility",
    "Schule, Bildung, Schulträger, school, education",
    "Geld, Finanzen, Haushalt, Finanzausgleich, money, finance, budget",
]
