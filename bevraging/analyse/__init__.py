"""The analysis of the survey of all Huizen: the plain records (`gegevens`), the calculations on
them (`berekening`) and their tables and charts (`weergave`). The reads live in
`bevraging.selectors.analyse`, which is also what other apps (the reports) use."""
