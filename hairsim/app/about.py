"""The "About this model" tab: NetLogo's Info tab for the explorer (plain HTML, no widgets)."""

from __future__ import annotations

__all__ = ["ABOUT_SECTIONS", "about_html"]

#: (heading, paragraphs or list items) in reading order.
ABOUT_SECTIONS = (
    ("What it is", [
        "A population of scalp hair follicles, each cycling on its own through <b>anagen</b> "
        "(growth, about 3 years), <b>catagen</b> (regression, about 2 weeks), <b>telogen</b> "
        "(rest, about 3 months) and sometimes <b>kenogen</b> (an empty follicle, about 4 months). "
        "Up to 100,000 follicles are a whole scalp; 225 are the 1 cm² patch a clinic "
        "photographs (a phototrichogram).",
    ]),
    ("How it works", [
        "Each phase lasts a random time drawn when it starts (a lognormal law with the phase's "
        "mean and spread). When telogen ends a new hair starts to grow, and the old club hair "
        "stays in the follicle beside it for a few more weeks (<b>exogen</b>) before it falls "
        "out: that fall is the <b>shedding</b> counted each day. In some cycles the club hair "
        "falls first and the follicle stays empty for a while (kenogen) before the new hair "
        "starts.",
        "<b>Androgenetic alopecia</b> (pattern hair loss): in the affected share of follicles each "
        "new growth phase is shorter and each new hair thinner, until they make only thin vellus "
        "hairs, which trials do not count. <b>Density</b> is the count of non-vellus hairs per "
        "cm².",
        "The <b>hypothetical stimulation</b> is three what-if knobs, not a drug: <i>wake</i> "
        "ends resting phases sooner, <i>extend</i> lengthens growth, <i>thicken</i> gives new "
        "hairs back some of their lost thickness. <i>Persistence</i> says what is left after "
        "stopping. The dashed line is the same scalp without it, from the same random numbers.",
    ]),
    ("Things to notice", [
        "A healthy scalp stays flat: most follicles grow, a few rest, about 80 hairs a day are "
        "shed per 100,000 follicles.",
        "Waking resting follicles first <i>raises</i> shedding: each woken follicle starts a new "
        "hair sooner, so it also lets go of its old club hair sooner, a few weeks later and "
        "usually before the new hair has reached the surface (watch the patch at the start of "
        "the stimulation).",
        "With persistence 0 the gain is gone within about six months of stopping.",
    ]),
    ("Things to try", [
        "Shorten the mean anagen to 1 year on the healthy preset: how far does density fall, "
        "and why does shedding rise?",
        "Turn the stimulation on for severe AGA: can waking follicles help when most hairs are "
        "already vellus?",
        "Press New seed a few times with 225 follicles, then with 100,000: how much of a 1 cm² "
        "change is chance?",
    ]),
    ("How to extend it", [
        "Everything here is the <code>hairsim</code> Python library: "
        "<code>hs.simulate</code>, <code>hs.trace</code>, <code>hs.plot.plot_patch</code>, "
        "<code>hs.scalp.simulate_scalp</code>. A new slider is one row in "
        "<code>hairsim/app/controls.py</code>; see <code>docs/extending.md</code>.",
    ]),
    ("Related notebooks", [
        "01 the hair cycle; 02 androgenetic alopecia and where on the scalp; 03 the hypothetical "
        "stimulation: the claims, the evidence and the knobs; 03b the stimulation's time course "
        "and its limits; 04 synchrony and shedding; 05 explore on your own; 06 a virtual "
        "clinical trial.",
    ]),
    ("How to cite", [
        "hairsim (version 0.1), a simulator of the scalp's hair follicles for teaching. Cite the "
        "repository and the version you used; the model and its sources are in "
        "<code>docs/model.md</code>.",
    ]),
    ("Evidence note", [
        "hairsim grew out of an article claiming that stem-cell \"exosomes\" wake follicles and "
        "thicken hair. The evidence is thin (small or uncontrolled studies) and no exosome "
        "product is approved (FDA alerts 2019 and 2020). The stimulation here shows what such "
        "effects <i>would</i> do if they existed; it is not the measured effect of any product.",
    ]),
)


def about_html() -> str:
    """The tab's HTML: headings and short paragraphs, readable at projector size."""
    parts = ['<div class="hairsim-about" role="document" aria-label="About this model">']
    for heading, items in ABOUT_SECTIONS:
        parts.append(f"<h3>{heading}</h3>")
        if len(items) > 1 and heading.startswith("Things"):
            parts.append("<ul>" + "".join(f"<li>{t}</li>" for t in items) + "</ul>")
        else:
            parts.extend(f"<p>{t}</p>" for t in items)
    parts.append("</div>")
    return "".join(parts)
