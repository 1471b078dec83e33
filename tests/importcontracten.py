"""An import-linter contract type: other apps import only an app's public face.

An app's public face is its services, selectors and models (DESIGN.md section 3). Any other module
of the app (views, forms, urls, internal modules) may only be imported from inside the app itself.
"""

from importlinter import Contract, ContractCheck, fields, output


class PubliekGezichtContract(Contract):
    apps = fields.ListField(subfield=fields.StringField())
    gezicht = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        schendingen = []
        for app in self.apps:
            for module in sorted(graph.find_descendants(app)):
                deel = module[len(app) + 1 :].split(".")[0]
                if deel in self.gezicht:
                    continue
                for importeur in sorted(graph.find_modules_that_directly_import(module)):
                    if importeur == app or importeur.startswith(app + "."):
                        continue
                    for detail in graph.get_import_details(importer=importeur, imported=module):
                        schendingen.append(f"{importeur}:{detail['line_number']} -> {module}")
        return ContractCheck(kept=not schendingen, metadata={"schendingen": schendingen})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for schending in check.metadata["schendingen"]:
            output.print_error(schending)
