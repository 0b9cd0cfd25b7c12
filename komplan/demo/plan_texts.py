"""The Czech narrative of the Slaný demo plan (komplan.demo.plan), per chapter key and per version.

Facts come from the town's public page on its 2007 process (seed 000): the analyses of March–April 2007, the
steering team (14. 5. and 27. 6. 2007), three working groups (4.–10. 6. 2007), activity sheets, the action plan and
the database of projects, the catalogue of providers, the written comment period 1.–31. 10. 2007 with five
comments (three not relevant, two ideas: help for the Roma community and a day care centre for the elderly) and
the approval by the council on 19. 12. 2007. The rest is illustrative wording and says so ("Ukázkový obsah").
No statistics, names of real people or resolution numbers are made up: figures come from the generated blocks.
"""

from __future__ import annotations

LABEL = (
    "*Ukázkový obsah: text plánu je ukázkou aplikace komplan. Vychází z veřejné stránky města Slaný o procesu "
    "komunitního plánování v roce 2007 (fáze, orgány, připomínkové řízení a schválení zastupitelstvem); skutečné "
    "znění plánu města převzato není a formulace, priority i aktivity jsou smyšlené pro ukázku.*"
)
SHORT_LABEL = "*Ukázkový obsah.*"


def labelled(parts: list[str]) -> str:
    """The paragraphs joined by blank lines, the first one starting with the illustrative label."""
    return f"{SHORT_LABEL} " + "\n\n".join(parts)


WORKING, COMMENT, APPROVED = "working", "comment", "approved"

# ---------------------------------------------------------------------------------------------------------------
# Chapters with a text of their own in the table of contents


def introduction(stage: str, period: str, orp_sentence: str) -> str:
    parts = [
        LABEL,
        f"Komunitní plán sociálních služeb města Slaný na období {period} je střednědobým plánem rozvoje sociálních "
        "služeb ve smyslu § 3 písm. h) zákona č. 108/2006 Sb., o sociálních službách. Popisuje, jak byl plán "
        "zpracován, jaké jsou potřeby obyvatel a zdroje k jejich naplnění, jakou strategií je chce město spolu "
        "s poskytovateli a uživateli služeb naplňovat, jaké jsou povinnosti zúčastněných, jak se plnění sleduje "
        "a vyhodnocuje a jak se plán mění.",
        "Komunitní plánování je metoda, jejímž základním cílem je, aby sociální služby byly takové, jaké si je "
        "občané města přejí, aby byly dostupné a efektivní a aby se zmapovaly druhy služeb, které ve městě chybí. "
        "Je to aktivní úsilí města o dlouhodobé a průběžné zapojování veřejnosti do řízení záležitostí obce: "
        "na plánu se podílejí zástupci města, poskytovatelé sociálních služeb, jejich uživatelé i veřejnost.",
        "### Základní údaje",
        "- **Zadavatel:** město Slaný\n"
        f"- **Území plánu:** město Slaný; {orp_sentence}\n"
        f"- **Období plánu:** {period}\n"
        "- **Metoda:** komunitní plánování – spolupráce zadavatelů, poskytovatelů a uživatelů (triáda) "
        "a veřejnosti\n"
        "- **Zpracování:** projekt spolufinancovaný z fondů EU a Středočeského kraje, s externím zpracovatelem "
        "(agentura ViP)",
        "### Jak je dokument uspořádán",
        "Po popisu přípravy plánu následuje analytická část (socio-demografická analýza, průzkumy, potřeby "
        "a zdroje, SWOT analýza), strategická část (vize, priority, opatření a aktivity, akční plán a zásobník "
        "projektů) a pravidla realizace (povinnosti účastníků, sledování a vyhodnocování plnění, změny plánu). "
        "Na konci je seznam zúčastněných organizací a slovník pojmů.",
    ]
    if stage == COMMENT:
        parts.insert(
            2,
            "**Verze k připomínkám.** Tato pracovní verze plánu je od 1. 10. do 31. 10. 2007 předložena "
            "k veřejnému připomínkování. Připomínky k ní může kdokoli podat písemně; každá bude vyhodnocena "
            "a výsledek bude uveden ve výsledné verzi plánu.",
        )
    if stage == APPROVED:
        parts[2:2] = [
            "Pracovní verze plánu byla od 1. 10. do 31. 10. 2007 předložena k písemnému veřejnému "
            "připomínkování; občané doručili pět připomínek. Dvě z nich přinesly náměty, které plán přebírá "
            "(viz kapitolu o prioritách, opatřeních a aktivitách). Výslednou verzi schválilo Zastupitelstvo města "
            "Slaný dne 19. 12. 2007.",
            "Plán je tak oficiálním strategickým dokumentem města. Slouží účastníkům procesu při podávání žádostí "
            "o granty a dotace a veřejnosti, která v něm může najít inspirující nápady pro zlepšení sociálních "
            "služeb a společně s garanty projektů se zapojit do jejich realizace.",
        ]
    return "\n\n".join(parts)


def preparation(stage: str) -> str:
    parts = [
        "Plán připravilo město Slaný v roce 2007 metodou komunitního plánování. Proces koordinoval úsek manažera "
        "rozvoje města Městského úřadu Slaný, metodicky jej vedl externí zpracovatel z agentury ViP. Průběh měl "
        "tři etapy: analýzy, osobní setkávání účastníků a závěrečné připomínkování a schválení.",
        "### Orgány procesu",
        "- **Strategický tým** – zástupci města, poskytovatelů a uživatelů služeb; stanovil vizi a SWOT analýzu, "
        "rozdělil práci do pracovních skupin a přijal pracovní verzi plánu.\n"
        "- **Pracovní skupiny** – tři, každá pro jednu oblast:\n"
        "    1. senioři, zdravotně postižení,\n"
        "    2. rodiny a děti,\n"
        "    3. osoby ohrožené sociálním vyloučením.",
        "### První etapa: analýzy (březen a duben 2007)",
        "Jako podklady pro jednání vznikly tři analýzy:\n\n"
        "- **socio-demografická analýza** – základní sociálně demografické charakteristiky města, prognóza "
        "věkového složení obyvatelstva, sociálně ekonomické charakteristiky, prognóza trhu práce a rozbor "
        "nezaměstnanosti;\n"
        "- **výzkum poskytovatelů sociálních služeb** – sídlo, kontakt, zaměření činnosti, druhy služeb, "
        "kapacity a struktura financování poskytovatelů;\n"
        "- **výzkum příjemců sociálních služeb** – jak se veřejnost dozvídá o nabídce služeb, jak služby "
        "využívá, jak hodnotí jejich úroveň a které služby ve městě chybí.",
        "### Druhá etapa: setkávání účastníků (květen a červen 2007)",
        "Druhá etapa proběhla formou osobních setkání zástupců města, odborníků z řad poskytovatelů a veřejnosti "
        "včetně příjemců sociálních služeb. Na první schůzce 14. 5. 2007 stanovil strategický tým vizi města "
        "v oblasti sociálních služeb, zpracoval SWOT analýzu a rozdělil se do tří pracovních skupin. Pracovní "
        "skupiny se sešly v týdnu od 4. do 10. 6. 2007, posoudily situaci svých cílových skupin a stanovily "
        "priority.",
        "V následujících přibližně dvou týdnech zpracovali zájemci z řad účastníků **listy aktivit** – projekty, "
        "které realizují nebo zamýšlejí realizovat a které chtějí mít v akčním plánu. Druhá schůzka "
        "strategického týmu 27. 6. 2007 přijala pracovní verzi tohoto dokumentu včetně akčního plánu a databáze "
        "projektů.",
        "Během června vznikl také **katalog poskytovatelů sociálních služeb**, který je k dispozici ve "
        "vestibulech obou budov Městského úřadu Slaný, v knihovně V. Štecha, v Infocentru, v poliklinice "
        "a u jednotlivých poskytovatelů.",
        "### Závěrečná etapa",
    ]
    if stage == WORKING:
        parts.append(
            "Pracovní verzi plánu čeká písemné veřejné připomínkování. Po vypořádání připomínek ji projednají "
            "účastníci procesu a město ji předloží zastupitelstvu ke schválení."
        )
    elif stage == COMMENT:
        parts.append(
            "Pracovní verze plánu je od 1. 10. do 31. 10. 2007 předložena k písemnému veřejnému připomínkování. "
            "Po vypořádání připomínek ji projednají účastníci procesu a město ji předloží zastupitelstvu ke "
            "schválení."
        )
    else:
        parts += [
            "Od 1. 10. do 31. 10. 2007 proběhlo písemné veřejné připomínkování pracovní verze plánu. Celkem "
            "bylo doručeno pět připomínek občanů. Tři z nich byly vyhodnoceny jako nerelevantní, protože "
            "nesouvisely s projektem; dvě navrhovaly pomoc romské komunitě a zbudování denního stacionáře pro "
            "staré občany. Protože navrhovatelé nemohli akci sami uskutečnit, doporučilo jim město, aby "
            "našli organizaci, která jejich myšlenky zaštítí, a dále s ní spolupracovali.",
            "Poté se celý plán konzultoval s účastníky procesu, znovu se projednalo složení akčního plánu "
            "a databáze projektů a provedly se drobné úpravy a korekce. Plán dostal také vlastní grafické "
            "zpracování. Zastupitelstvo města Slaný schválilo výslednou verzi plánu dne 19. 12. 2007.",
        ]
    parts.append("Přehled fází, orgánů a jednání podle záznamů v aplikaci následuje.")
    return labelled(parts)


EVALUATION = labelled(
    [
        "Tento komunitní plán je prvním komunitním plánem sociálních služeb města Slaný. Předchozí plán, jehož "
        "plnění by bylo možné vyhodnotit, neexistuje.",
        "Východiskem plánu jsou proto analýzy zpracované na jaře 2007 (socio-demografická analýza, výzkum "
        "poskytovatelů a výzkum příjemců sociálních služeb) a zkušenosti účastníků pracovních skupin. "
        "Vyhodnocení tohoto plánu bude podkladem pro plán na další období a bude jeho úvodní kapitolou.",
    ]
)


def strategy(stage: str) -> str:
    parts = [
        "Strategická část převádí vizi do konkrétních kroků. Je členěna hierarchicky: **priority** odpovídají "
        "oblastem pracovních skupin a jedné průřezové oblasti, každá priorita má **opatření** a každé opatření "
        "**aktivity** s realizátorem, termínem, odhadem nákladů a zdroji financování. Číslování (např. 1.1.2) "
        "spojuje strategii s akčním plánem a s listy aktivit.",
        "Priority stanovily pracovní skupiny na schůzkách 4.–10. 6. 2007, strategický tým je projednal "
        "27. 6. 2007. Aktivity vycházejí z listů aktivit, které podali účastníci procesu.",
    ]
    if stage == APPROVED:
        parts += [
            "### Podněty z připomínkového řízení",
            "Z veřejného připomínkování (1.–31. 10. 2007) plán přebírá dva náměty občanů: **pomoc romské "
            "komunitě** a **denní stacionář pro staré občany**. Navrhovatelé je nemohli uskutečnit sami, a proto "
            "jsou vedeny v zásobníku projektů jako myšlenky bez časového určení. Jakmile se najde organizace, "
            "která je zaštítí, mohou se při aktualizaci akčního plánu stát jeho aktivitami.",
        ]
    return labelled(parts)


OBLIGATIONS = labelled(
    [
        "Komunitní plán je dohodou zadavatelů, poskytovatelů a uživatelů sociálních služeb. Z této dohody "
        "vyplývají povinnosti jednotlivých účastníků:",
        "- **Město Slaný (zadavatel)** – zajišťuje koordinaci komunitního plánování, zohledňuje plán při "
        "přípravě rozpočtu a při rozhodování o podpoře sociálních služeb, spolupracuje se Středočeským krajem "
        "a předává mu informace o potřebách a zdrojích.\n"
        "- **Strategický tým** – řídí proces, sleduje plnění plánu, projednává změny a návrhy aktualizace "
        "akčního plánu.\n"
        "- **Pracovní skupiny** – sledují situaci svých cílových skupin, posuzují nové listy aktivit a navrhují "
        "změny priorit, opatření a aktivit.\n"
        "- **Realizátoři aktivit (poskytovatelé a další organizace)** – uskutečňují aktivity, za které "
        "odpovídají, hledají pro ně zdroje financování a informují o jejich plnění.\n"
        "- **Uživatelé služeb a veřejnost** – mohou se zapojit do pracovních skupin, podávat náměty a připomínky "
        "a podílet se na realizaci projektů.",
        "Aktivity zařazené do plánu nezakládají nárok na finanční podporu města; plán je podkladem pro žádosti "
        "o granty a dotace a pro rozhodování zastupitelstva.",
    ]
)

MONITORING = labelled(
    [
        "Plnění plánu sleduje strategický tým ve spolupráci s pracovními skupinami a s koordinátorem komunitního "
        "plánování. Sleduje se každá aktivita akčního plánu:",
        "- **stav plnění** – splněno, plněno průběžně, nesplněno nebo zrušeno, s krátkým komentářem;\n"
        "- **indikátory** – plánované a dosažené hodnoty ukazatelů uvedených u aktivity;\n"
        "- **náklady** – předpokládané a skutečně vynaložené prostředky podle zdrojů financování.",
        "Realizátoři aktivit předávají koordinátorovi údaje o plnění jednou ročně. Koordinátor z nich sestaví "
        "**monitorovací zprávu** o naplňování plánu, kterou projedná strategický tým a která se předkládá "
        "orgánům města a zveřejňuje.",
        "Na konci období plánu se plán jako celek vyhodnotí: zda se naplnila vize a priority, které služby "
        "vznikly nebo se rozšířily a co zůstalo nesplněno. Toto vyhodnocení je podkladem pro plán na další "
        "období.",
    ]
)

CHANGES = labelled(
    [
        "Plán je živý dokument. Situace v sociálních službách se mění, a proto se plán pravidelně upravuje:",
        "- **Akční plán se aktualizuje každý rok.** Na základě monitorovací zprávy a nových listů aktivit "
        "navrhnou pracovní skupiny aktivity na další rok; projedná je strategický tým.\n"
        "- **Zásobník projektů** se doplňuje průběžně; záměr se přesune do akčního plánu, jakmile má "
        "realizátora, termín a financování.\n"
        "- **Změny priorit a opatření** navrhuje strategický tým a schvaluje je zastupitelstvo města, stejně "
        "jako celý plán.",
        "Každá změna se zaznamená a zveřejní; plán i jeho aktualizace jsou veřejně dostupné.",
    ]
)

GLOSSARY = "\n\n".join(
    [
        "### Plánování a jeho výstupy",
        "- **Komunitní plánování sociálních služeb (KPSS)** – metoda plánování, při níž zadavatelé, poskytovatelé "
        "a uživatelé sociálních služeb spolu s veřejností společně zjišťují potřeby a hledají způsoby, jak je "
        "naplnit.\n"
        "- **Komunitní plán / střednědobý plán rozvoje sociálních služeb (SPRSS)** – výsledný dokument podle "
        "§ 3 písm. h) zákona č. 108/2006 Sb., o sociálních službách.\n"
        "- **Vize** – představa o podobě sociálních služeb na konci období plánu.\n"
        "- **SWOT analýza** – rozbor silných a slabých stránek, příležitostí a hrozeb.\n"
        "- **Priorita – opatření – aktivita** – tři úrovně strategie; aktivita má realizátora, termín, náklady "
        "a zdroje financování.\n"
        "- **Akční plán** – prováděcí plán na jeden rok, vázaný na rozpočet.\n"
        "- **List (karta) aktivity** – podrobný popis aktivity nebo projektového záměru.\n"
        "- **Zásobník projektů (databáze projektů)** – záměry podporované v principu, zatím bez termínu "
        "a financování.\n"
        "- **Indikátor (ukazatel)** – měřitelný ukazatel plnění aktivity.\n"
        "- **Sociodemografická analýza** – rozbor počtu a složení obyvatel a jejich vývoje.",
        "### Účastníci a orgány",
        "- **Triáda** – partnerství zadavatelů, poskytovatelů a uživatelů sociálních služeb.\n"
        "- **Zadavatel** – ten, kdo odpovídá za zajištění sociálních služeb na území, zejména obec a kraj.\n"
        "- **Poskytovatel sociálních služeb** – registrovaná organizace nebo osoba, která služby poskytuje.\n"
        "- **Uživatel (klient)** – člověk, který sociální službu využívá.\n"
        "- **Řídicí skupina (strategický tým)** – orgán, který řídí proces a schvaluje jeho výstupy.\n"
        "- **Pracovní skupina** – skupina pro jednu oblast nebo cílovou skupinu, složená podle triády.\n"
        "- **Koordinátor KPSS** – osoba, která řídí proces a vede záznamy.\n"
        "- **Zastupitelstvo** – orgán obce, který schvaluje plán **usnesením** (číslo a datum).\n"
        "- **Obec s rozšířenou působností (ORP)** – obec, která vykonává státní správu pro okolní obce; "
        "obvyklé území plánování.",
        "### Sociální služby",
        "- **Sociální služba** – činnost podle zákona o sociálních službách, registrovaná podle druhu a formy.\n"
        "- **Druh sociální služby** – zákonem vymezený typ služby (§ 37–70), např. pečovatelská služba.\n"
        "- **Forma poskytování** – pobytová, ambulantní nebo terénní.\n"
        "- **Kapacita** – nejvyšší počet lůžek, klientů nebo intervencí, které služba poskytne.\n"
        "- **Cílová skupina** – okruh osob, kterým je služba určena.\n"
        "- **Nepříznivá sociální situace** – situace, kterou člověk nezvládne sám a která zakládá nárok na "
        "pomoc.\n"
        "- **Příspěvek na péči** – dávka pro osoby závislé na pomoci jiného člověka, ve stupních I–IV.",
        "### Připomínky, sledování a změny",
        "- **Připomínkové řízení (připomínkování)** – období, kdy může veřejnost k návrhu plánu podávat "
        "připomínky.\n"
        "- **Vypořádání připomínek** – rozhodnutí o každé připomínce (přijata, přijata částečně, nepřijata) "
        "s odůvodněním.\n"
        "- **Monitoring** – průběžné sledování plnění aktivit.\n"
        "- **Monitorovací zpráva** – roční zpráva o naplňování plánu.\n"
        "- **Aktualizace** – úprava plánu nebo akčního plánu na základě vyhodnocení.\n"
        "- **Dotace** – finanční podpora z veřejných rozpočtů; **úhrada** – platba uživatele za službu.",
    ]
)

# ---------------------------------------------------------------------------------------------------------------
# Short introductions before the generated blocks (chapters whose table-of-contents entry has no text block)

INTRODUCTIONS = {
    "demografie": (
        "Socio-demografická analýza, zpracovaná v březnu a dubnu 2007, zkoumá základní sociálně demografické "
        "charakteristiky města: prognózu věkového složení obyvatelstva, sociálně ekonomické charakteristiky, "
        "prognózu trhu práce a nezaměstnanost. V aplikaci se text kapitoly generuje v modulu socio-demografické "
        "analýzy z aktuálních statistik ČSÚ, v ukázce tedy nejde o údaje z roku 2007."
    ),
    "pruzkumy": (
        "Na jaře 2007 proběhl výzkum poskytovatelů sociálních služeb (sídlo, zaměření, druhy služeb, kapacity, "
        "financování) a výzkum příjemců sociálních služeb (informovanost, využívání a hodnocení služeb, chybějící "
        "služby). Přehled průzkumů vedených v aplikaci a počtu odpovědí následuje."
    ),
    "potreby": (
        "Kapitola porovnává potřebu sociálních služeb odhadnutou z počtu a složení obyvatel s kapacitami služeb "
        "v katalogu. Porovnání je východiskem pro priority; jeho čísla počítá aplikace z dat, která obsahuje."
    ),
    "swot": (
        "Celkovou SWOT analýzu zpracoval strategický tým na první schůzce 14. 5. 2007, pracovní skupiny pak "
        "každá pro svou oblast na schůzkách 4.–10. 6. 2007. Silné a slabé stránky popisují současný stav, "
        "příležitosti a hrozby vnější vlivy."
    ),
    "vize": (
        "Vizi města v oblasti sociálních služeb stanovil strategický tým na první schůzce 14. 5. 2007. "
        "Popisuje, jak mají sociální služby ve Slaném vypadat na konci období plánu."
    ),
    "akcni-plan": (
        "Akční plán je nedílnou součástí komunitního plánu. Obsahuje aktivity s konkrétním realizátorem "
        "a termínem, vybrané z listů aktivit, které účastníci zpracovali v červnu 2007. Akční plán se "
        "aktualizuje každý rok."
    ),
    "zasobnik": (
        "Databáze (zásobník) projektů obsahuje myšlenky bez konkrétního časového určení a bez konkrétní představy "
        "o realizaci. Plán je podporuje v principu; do akčního plánu se mohou dostat, jakmile najdou realizátora "
        "a financování."
    ),
    "ucastnici": (
        "Na plánu se podíleli zástupci města, poskytovatelé sociálních služeb, jejich uživatelé a veřejnost. "
        "Přehled uvádí zúčastněné organizace podle triády a počet jejich zástupců; jména soukromých osob se "
        "neuvádějí."
    ),
}
