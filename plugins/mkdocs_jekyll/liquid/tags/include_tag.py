"""Jekyll's ``include`` tag, replacing Liquid's own.

Mirrors ``lib/jekyll/tags/include.rb`` (Jekyll 4.3): ``{% include note.html title="x"
body=page.title %}`` exposes the parameters as ``include.*``; the file name may contain
``{{ }}``; the file is searched in the include folders in order, and names that could
leave them are refused. Errors raised inside an included file carry an include trace so
the rendering layer can name the file and the pages that included it, as Jekyll does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from liquid.ast import Node
from liquid.builtin.expressions import FilteredExpression, parse_primitive, tokenize
from liquid.exceptions import LiquidError, LiquidSyntaxError, TemplateNotFoundError
from liquid.stream import TokenStream
from liquid.stringify import to_liquid_string
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, Token

from mkdocs_jekyll.jekyll.safe_paths import is_inside
from mkdocs_jekyll.liquid.shared_nodes import (
    keep,
    lookup,
    output_shareable,
    params_shareable,
    rebase,
)

if TYPE_CHECKING:
    from liquid import Environment, RenderContext
    from liquid.expression import Expression
    from liquid.template import BoundTemplate

    from mkdocs_jekyll.liquid.environment import JekyllEnvironment

# include.rb VALID_SYNTAX, VARIABLE_SYNTAX and FULL_VALID_SYNTAX; Ruby's \w and \s are ASCII.
_VALID = (
    r"([\w-]+)\s*=\s*"
    r"""(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
)
VALID_SYNTAX = re.compile(_VALID, re.ASCII)
FULL_VALID_SYNTAX = re.compile(rf"\A\s*(?:{_VALID}(?=\s|\Z)\s*)*\Z", re.ASCII)
VARIABLE_SYNTAX = re.compile(
    r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)",
    re.ASCII | re.DOTALL,
)
# include.rb validate_file_name; an absolute name is refused too (Jekyll would join it).
VALID_FILENAME_CHARS = re.compile(r"[\w/.\-()+~#@]+", re.ASCII)
INVALID_SEQUENCES = re.compile(r"[./]{2,}")
_OUTPUT = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
TRACE_ATTRIBUTE = "mkdocs_jekyll_include_trace"
Params = dict[str, "str | Expression"]


@dataclass
class IncludeTrace:
    """Where an error inside included files happened, innermost file first.

    Attributes:
        origin: Name of the template whose source the error's token points into.
        frames: ``(template name, include tag token)`` for each include level, from the
            innermost including template out to the page.
    """

    origin: str
    frames: list[tuple[str, Token]] = field(default_factory=list)


def annotate(err: LiquidError, child: str, parent: str, token: Token) -> None:
    """Record that ``err`` left the included ``child`` through a tag in ``parent``."""
    trace = getattr(err, TRACE_ATTRIBUTE, None)
    if not isinstance(trace, IncludeTrace):
        trace = IncludeTrace(child)
        setattr(err, TRACE_ATTRIBUTE, trace)
    trace.frames.append((parent, token))


def include_trace(err: LiquidError) -> IncludeTrace | None:
    """Return the include trace of ``err``, if it came out of an included file."""
    trace = getattr(err, TRACE_ATTRIBUTE, None)
    return trace if isinstance(trace, IncludeTrace) else None


def _stream(source: str, start: int, token: Token) -> TokenStream:
    """Tokens of ``source`` found at ``start`` in ``token``'s template, for positions."""
    parent = Token(TOKEN_EXPRESSION, source, token.start_index + start, token.source)
    return TokenStream(tokenize(source, parent_token=parent))


class Markup:
    """Text that may contain ``{{ expression }}``, rendered to a string at render time."""

    def __init__(self, env: Environment, text: str, start: int, token: Token) -> None:
        self.text = text
        self.parts: list[str | Expression] = []
        position = 0
        for match in _OUTPUT.finditer(text):
            self.parts.append(text[position : match.start()])
            stream = _stream(match.group(1), start + match.start(1), token)
            self.parts.append(FilteredExpression.parse(env, stream))
            position = match.end()
        self.parts.append(text[position:])

    def shareable(self, env: Environment) -> bool:
        """Whether the parsed markup renders the same at any place (``shared_nodes``)."""
        return all(isinstance(part, str) or output_shareable(env, part) for part in self.parts)

    def render(self, context: RenderContext) -> str:
        """Evaluate the expressions and join the text, as ``Liquid::Template#render``."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                out.append(to_liquid_string(part.evaluate(context), context.autoescape))
        return "".join(out)


def parse_params(env: Environment, params: str, start: int, token: Token) -> Params:
    """Parse ``key="v" key='v' key=var.path`` into values and variable expressions.

    Mirrors ``parse_params`` of include.rb; variables are parsed by python-liquid.
    """
    values: Params = {}
    for match in VALID_SYNTAX.finditer(params):
        key, double, single, variable = match.groups()
        if double is not None:
            values[key] = double.replace('\\"', '"')
        elif single is not None:
            values[key] = single.replace("\\'", "'")
        else:
            values[key] = parse_primitive(env, _stream(variable, start + match.start(4), token))
    return values


class IncludeNode(Node):
    """``{% include file.ext key=value %}``, rendered with Jekyll's semantics."""

    __slots__ = ("file", "first", "here", "params", "tag_name")

    def __init__(
        self,
        token: Token,
        tag_name: str,
        file: Markup,
        params: Params | None,
        first: Token | None = None,
        here: Token | None = None,
    ) -> None:
        super().__init__(token)
        self.tag_name = tag_name
        self.file = file
        self.params = params
        self.first = first
        """The markup ``file`` and ``params`` were parsed from, at another place, and this
        place's markup (``shared_nodes``)."""
        self.here = here
        self.blank = False

    def _syntax_example(self) -> str:
        return f"{{% {self.tag_name} file.ext param='value' param2='value' %}}"

    def _validate(self, name: str) -> None:
        # include.rb validate_file_name: no "..", "./", "//" and only safe characters.
        if (
            INVALID_SEQUENCES.search(name)
            or not VALID_FILENAME_CHARS.fullmatch(name)
            or name.startswith("/")
        ):
            raise LiquidSyntaxError(
                "Invalid syntax for include tag. File contains invalid characters or "
                f"sequences: '{name}'; expected {self._syntax_example()}",
                token=self.token,
            )

    def search_dirs(self, context: RenderContext) -> list[tuple[Path, str]]:
        """Return the folders to search and how messages name them."""
        settings = cast("JekyllEnvironment", context.env).settings
        return list(zip(settings.includes_dirs, settings.include_labels, strict=False))

    def _locate(self, context: RenderContext, name: str) -> tuple[Path, str]:
        """Find ``name`` in the include folders, once per environment (once per build).

        The folders are the environment's, which is created per build, so a file added or
        edited under ``mkdocs serve`` is found again. Failures are not cached: each tag
        raises with its own position.
        """
        env = cast("JekyllEnvironment", context.env)
        found = env.include_locations.get(name)
        if found is None:
            found = self._search(context, name)
            env.include_locations[name] = found
        return found

    def link_root(self, context: RenderContext, directory: Path, label: str) -> tuple[Path, str]:
        """The folder an included file must resolve into, and how messages name it."""
        return directory, label

    def _search(self, context: RenderContext, name: str) -> tuple[Path, str]:
        """Return the resolved file and its label: the first of ``search_dirs`` holding it."""
        dirs = self.search_dirs(context)
        for directory, label in dirs:
            candidate = directory / name
            if not candidate.is_file():
                continue
            real = candidate.resolve()
            shown = f"{label}/{name}" if label not in ("", ".") else name
            root, root_label = self.link_root(context, directory, label)
            if not is_inside(real, root):
                # include.rb `valid_include_file?`: in safe mode, no file reached through a
                # symbolic link that leaves the folder. Not read, so it cannot leak.
                raise LiquidSyntaxError(
                    f"'{shown}' is a symlink to '{real}', outside {root_label}; it is not "
                    "read (as Jekyll's safe mode does): move the file into the folder "
                    "instead of linking it",
                    token=self.token,
                )
            return real, shown
        labels = ", ".join(f"'{label}'" for _, label in dirs)
        raise TemplateNotFoundError(
            f"could not locate the included file '{name}' in any of [{labels}]; "
            "ensure it exists in one of those directories",
            token=self.token,
        )

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Locate, parse (once) and render the included file."""
        try:
            return self._render_include(context, buffer)
        except LiquidError as err:
            if self.first is not None and self.here is not None:
                rebase(err, self.first, self.here)
            raise

    def _render_include(self, context: RenderContext, buffer: TextIO) -> int:
        env = cast("JekyllEnvironment", context.env)
        name = self.file.render(context).strip()
        self._validate(name)
        path, label = self._locate(context, name)
        parent = context.template.name
        try:
            template: BoundTemplate = env.parse_include(path, label)
        except LiquidError as err:
            annotate(err, label, parent, self.token)
            raise
        namespace: dict[str, object] = {}
        if self.params is not None:
            # include.rb: `context["include"] = parse_params(context) if @params`.
            namespace["include"] = {
                key: value if isinstance(value, str) else value.evaluate(context)
                for key, value in self.params.items()
            }
        with context.extend(namespace, template=template):
            try:
                template.render_with_context(context, buffer, partial=True)
            except LiquidError as err:
                annotate(err, label, parent, self.token)
                raise
        return 1


class IncludeTag(Tag):
    """Parse ``{% include ... %}`` as include.rb does (``initialize``)."""

    name = "include"
    block = False
    node_class: type[IncludeNode] = IncludeNode

    def parse(self, stream: TokenStream) -> Node:
        """Split the markup into the file name and the parameters, and check both."""
        token = stream.current
        if stream.peek.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError(
                f"missing file name in '{self.name}' tag; expected "
                f"{{% {self.name} file.ext param='value' param2='value' %}}",
                token=token,
            )
        next(stream)
        expression = stream.current
        shared = lookup(self.env, self.name, expression)
        if shared is not None:
            file, values = shared.parts
            first = shared.first(expression)
            return self.node_class(token, self.name, file, values, first, expression)
        node = self._parse_markup(token, expression)
        if node.file.shareable(self.env) and params_shareable(self.env, node.params):
            keep(self.env, self.name, expression, (node.file, node.params))
        return node

    def _parse_markup(self, token: Token, expression: Token) -> IncludeNode:
        markup = expression.value
        matched = VARIABLE_SYNTAX.search(markup)
        params: str | None
        if matched:
            file_text = matched.group("variable").strip()
            file_start = markup.index(file_text, matched.start("variable"))
            params = matched.group("params").strip()
            params_start = markup.index(params, matched.start("params")) if params else 0
        else:
            parts = re.split(r"\s+", markup, maxsplit=1)
            file_text = parts[0]
            file_start = 0
            params = parts[1] if len(parts) > 1 else None
            params_start = len(markup) - len(params) if params is not None else 0
        if params is not None and not FULL_VALID_SYNTAX.match(params):
            raise LiquidSyntaxError(
                f"Invalid syntax for include tag: '{params}'; expected "
                f"{{% {self.name} file.ext param='value' param2='value' %}}",
                token=expression,
            )
        file = Markup(self.env, file_text, file_start, expression)
        values = (
            None if params is None else parse_params(self.env, params, params_start, expression)
        )
        return self.node_class(token, self.name, file, values)
