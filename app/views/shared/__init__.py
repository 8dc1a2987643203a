"""View helpers that more than one audience's pages use, kept apart from the audience packages.

Each audience package (young_person, practitioner, reviewing_officer, advocate, duty, admin) holds only that
audience's routes. What several of them need lives here instead, so no audience imports another audience's
module: the words for each feature's pages (people_words, review_words, family_time_words, leaving_care_words),
reading form values (form_values), drawing the circles of people who matter (circles), refusal messages and
sending a valid form to a service (messages), loading what a page is about or answering 404 (pages), the staff
pages every staff role shows the same way (staff_pages), and the review pack PDF (review_pdf, with its fonts in
pdf_fonts/).
"""
