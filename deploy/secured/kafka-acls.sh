#!/bin/sh
# The ACLs of README "Secured Kafka" for docker-compose.secured.yml, granted as the admin principal.
# Idempotent (adding an ACL that exists changes nothing), so the job can run at every "up".
set -eu

CONFIG=/tmp/admin.properties
umask 077
# The password reaches the tool through this file only (never its command line).
cat > "$CONFIG" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
ssl.truststore.location=/etc/bluebutton/secrets/truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=${BLUEBUTTON_KAFKA_STORE_PASSWORD}
PROPERTIES

acl() {
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:19092 --command-config "$CONFIG" --add "$@" > /dev/null
}

INPUTS="bluebutton.pledges bluebutton.download-activity bluebutton.access-snapshots bluebutton.engagement-activity bluebutton.api-credentials"
OUTPUTS="bluebutton.org-monthly-metrics bluebutton.org-yearly-metrics bluebutton.rollup-metrics bluebutton.pledge-counts bluebutton.engagement-metrics bluebutton.data-quality-metrics bluebutton.late-events bluebutton.dead-letters"
APPLICATION_ID=bluebutton-streams

# ingest: creates and checks the catalogue's topics at start (compose has no separate topic job),
# writes every input topic and reads back the organization and credential views.
acl --allow-principal User:ingest --operation Create --operation Describe --operation DescribeConfigs --operation AlterConfigs \
    --topic bluebutton. --resource-pattern-type prefixed
for topic in $INPUTS; do
  acl --allow-principal User:ingest --operation Write --topic "$topic"
done
acl --allow-principal User:ingest --operation Read --topic bluebutton.pledges
acl --allow-principal User:ingest --operation Read --topic bluebutton.api-credentials

# streams: reads the inputs, writes the outputs, owns its application id's group, transactional ids
# and internal topics (changelogs, repartition topics).
for topic in $INPUTS; do
  acl --allow-principal User:streams --operation Read --topic "$topic"
done
for topic in $OUTPUTS; do
  acl --allow-principal User:streams --operation Write --operation Describe --topic "$topic"
done
acl --allow-principal User:streams --operation All --topic "$APPLICATION_ID-" --resource-pattern-type prefixed
acl --allow-principal User:streams --operation Read --group "$APPLICATION_ID" --resource-pattern-type prefixed
acl --allow-principal User:streams --operation Write --operation Describe --transactional-id "$APPLICATION_ID-" --resource-pattern-type prefixed

# reporting: reads the outputs; sees the inputs' ends and the streams group's commits (its lag check).
for topic in $OUTPUTS; do
  acl --allow-principal User:reporting --operation Read --topic "$topic"
done
for topic in $INPUTS; do
  acl --allow-principal User:reporting --operation Describe --topic "$topic"
done
acl --allow-principal User:reporting --operation Describe --group "$APPLICATION_ID"

# the schema registry: its _schemas topic and its group.
acl --allow-principal User:schema-registry --operation All --topic _schemas
acl --allow-principal User:schema-registry --operation Read --group schema-registry --resource-pattern-type prefixed

rm -f "$CONFIG"
echo "ACLs granted"
