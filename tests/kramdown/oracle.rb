# Convert Markdown exactly as Jekyll 4.3 does: Jekyll's own kramdown converter (GFM input,
# Rouge), built from Jekyll's default configuration merged with a `kramdown:` block.
# Reads a JSON list of {"markdown": text, "kramdown": {settings}} on stdin and prints a JSON
# list of HTML strings. Used by regenerate.py and by the test that the kept HTML is current.
require "json"
require "jekyll"

cases = JSON.parse($stdin.read)
results = cases.map do |item|
  overrides = { "quiet" => true, "kramdown" => item.fetch("kramdown", {}) }
  config = Jekyll::Configuration::DEFAULTS.merge(overrides) do |_key, base, extra|
    base.is_a?(Hash) && extra.is_a?(Hash) ? base.merge(extra) : extra
  end
  Jekyll::Converters::Markdown::KramdownParser.new(JSON.parse(JSON.dump(config))).convert(item["markdown"])
end
print JSON.dump(results)
