"""Value types and rules that know nothing of Qt, SQL or codecs (stdlib only)."""
