"""The Solr configset (configset/conf) and a local SolrCloud launcher (cluster.py, src/) for this portal."""
