"""No import circles anywhere in `app` (issue 12): a newcomer can read a module knowing that nothing it imports
leads back to it. import-linter's contracts say which layer may import which; this says no two modules, in any
layer, import each other through any path. Function-level imports count too: they hide a circle, not remove it."""

from __future__ import annotations

import grimp


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Groups of modules that reach each other by imports (strongly connected components of two or more)."""
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:
        # Tarjan's algorithm without recursion: each frame is a module and the imports still to follow.
        frames = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        order[start] = lowest[start] = len(order)
        stack.append(start)
        on_stack.add(start)
        while frames:
            module, imports = frames[-1]
            following = next(imports, None)
            if following is not None:
                if following not in order:
                    order[following] = lowest[following] = len(order)
                    stack.append(following)
                    on_stack.add(following)
                    frames.append((following, iter(sorted(graph.find_modules_directly_imported_by(following)))))
                elif following in on_stack:
                    lowest[module] = min(lowest[module], order[following])
                continue
            frames.pop()
            if frames:
                parent = frames[-1][0]
                lowest[parent] = min(lowest[parent], lowest[module])
            if lowest[module] == order[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in order:
            visit(module)
    return found


def test_the_finder_sees_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.d"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    graph.add_import(importer="pkg.d", imported="pkg.a")
    assert circles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_app_has_no_import_circles() -> None:
    graph = grimp.build_graph("app", cache_dir=None)
    assert circles(graph) == []
