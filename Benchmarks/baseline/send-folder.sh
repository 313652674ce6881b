#!/usr/bin/env bash
# The baseline of issue #11: what an admin would script instead of lienthong. Watches one outbox folder with
# inotifywait; for each PDF renamed or written into it: a detached CMS signature (`openssl cms -sign`, no PAdES),
# an edXML envelope written with a heredoc (the PDF and the signature as base64 attachments), and one `curl` POST
# of sendEdoc with the signed XroadVnpt-* headers (HMAC-SHA256 by `openssl dgst -hmac`); the sent PDF is moved to
# SENT. One file at a time, as such a script is written. File names are `<number>_<subject>.pdf`.
#   OUTBOX=... SENT=... AXIS=http://127.0.0.1:PORT SYSTEM_ID=000.00.00.H41 SECRET_FILE=... TO=000.00.00.H26 \
#   KEY=key.pem CERT=cert.pem [STOP_AFTER=N] Benchmarks/baseline/send-folder.sh
set -euo pipefail
: "${OUTBOX:?} ${SENT:?} ${AXIS:?} ${SYSTEM_ID:?} ${SECRET_FILE:?} ${TO:?} ${KEY:?} ${CERT:?}"
SECRET=$(tr -d '\r\n' < "$SECRET_FILE")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/send-folder.XXXXXX")
mkdir -p "$SENT"
exec 3< <(inotifywait -m -q -e close_write -e moved_to --format '%w%f' "$OUTBOX")
WATCHER=$!
trap 'kill $WATCHER 2>/dev/null || true; rm -rf "$WORK"' EXIT

envelope() {  # envelope PDF SIGNATURE NUMBER SUBJECT
  local today; today=$(date +%Y/%m/%d)
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
<edXML:edXMLHeader>
<edXML:MessageHeader>
<edXML:From><edXML:OrganId>$SYSTEM_ID</edXML:OrganId><edXML:OrganName>$SYSTEM_ID</edXML:OrganName></edXML:From>
<edXML:To><edXML:OrganId>$TO</edXML:OrganId><edXML:OrganName>$TO</edXML:OrganName></edXML:To>
<edXML:DocumentId>$SYSTEM_ID,$today,$3/SCRIPT</edXML:DocumentId>
<edXML:Code><edXML:CodeNumber>$3</edXML:CodeNumber><edXML:CodeNotation>SCRIPT</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:Place>-</edXML:Place><edXML:PromulgationDate>$today</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeDetail>0</edXML:TypeDetail><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
<edXML:Subject>$4</edXML:Subject>
<edXML:Content>$4</edXML:Content>
<edXML:SignerInfo><edXML:Competence>-</edXML:Competence><edXML:Position>-</edXML:Position><edXML:FullName>-</edXML:FullName></edXML:SignerInfo>
<edXML:OtherInfo><edXML:Priority>0</edXML:Priority></edXML:OtherInfo>
<edXML:SteeringType>0</edXML:SteeringType>
</edXML:MessageHeader>
<edXML:TraceHeaderList><edXML:TraceHeader><edXML:OrganId>$SYSTEM_ID</edXML:OrganId><edXML:Timestamp>$(date '+%Y/%m/%d %H:%M:%S')</edXML:Timestamp></edXML:TraceHeader></edXML:TraceHeaderList>
</edXML:edXMLHeader>
<edXML:edXMLBody><edXML:edXMLManifest version="1.0">
<edXML:Reference><edXML:ContentId>cid:1</edXML:ContentId><edXML:ContentType>application/pdf</edXML:ContentType><edXML:Description>$4</edXML:Description><edXML:AttachmentName>$3.pdf</edXML:AttachmentName></edXML:Reference>
<edXML:Reference><edXML:ContentId>cid:2</edXML:ContentId><edXML:ContentType>application/pkcs7-signature</edXML:ContentType><edXML:Description>signature</edXML:Description><edXML:AttachmentName>$3.pdf.p7s</edXML:AttachmentName></edXML:Reference>
</edXML:edXMLManifest></edXML:edXMLBody>
</edXML:edXMLEnvelope>
<AttachmentEncoded>
<Attachment><ContentId>cid:1</ContentId><AttachmentName>$3.pdf</AttachmentName><Description>$4</Description><ContentType>application/pdf</ContentType><edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">$(base64 -w0 "$1")</edXML:ContentTransferEncoded></Attachment>
<Attachment><ContentId>cid:2</ContentId><AttachmentName>$3.pdf.p7s</AttachmentName><Description>signature</Description><ContentType>application/pkcs7-signature</ContentType><edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">$(base64 -w0 "$2")</edXML:ContentTransferEncoded></Attachment>
</AttachmentEncoded>
</edXML>
XML
}

send() {  # send FILE: 0 when the axis answered OK
  local file=$1 name number subject hash stamp json reply
  name=${file##*/}; number=${name%%_*}; subject=${name#*_}; subject=${subject%.pdf}
  openssl cms -sign -binary -in "$file" -signer "$CERT" -inkey "$KEY" -outform DER -out "$WORK/sig.p7s"
  envelope "$file" "$WORK/sig.p7s" "$number" "$subject" > "$WORK/doc.edxml"
  # hash-file: every byte as Java's Integer.toHexString, so 0a is written a.
  hash=$(sha256sum "$WORK/doc.edxml" | cut -c1-64 | fold -w2 | sed 's/^0//' | tr -d '\n')
  stamp=$(date +%d%m%YT%H%M%S+0%3N)
  json="{\"XroadVnpt-from\":\"$SYSTEM_ID\",\"XroadVnpt-servicetype\":\"eDoc\",\"XroadVnpt-messagetype\":\"edoc\",\"XroadVnpt-hash-file\":\"$hash\",\"XroadVnpt-systemid\":\"$SYSTEM_ID\",\"XroadVnpt-timestamp\":\"$stamp\",\"XroadVnpt-Content-Type\":\"application/octet-stream\"}"
  reply=$(curl -sS --max-time 60 --data-binary @"$WORK/doc.edxml" \
    -H "XroadVnpt-from: $SYSTEM_ID" -H "XroadVnpt-servicetype: eDoc" -H "XroadVnpt-messagetype: edoc" \
    -H "XroadVnpt-hash-file: $hash" -H "XroadVnpt-systemid: $SYSTEM_ID" -H "XroadVnpt-timestamp: $stamp" \
    -H "XroadVnpt-Content-Type: application/octet-stream" -H "Content-Type: application/octet-stream" \
    -H "XroadVnpt-sign-header-key: from;servicetype;messagetype;hash-file;systemid;timestamp;Content-Type" \
    -H "XroadVnpt-sign-header: $json" \
    -H "XroadVnpt-hash-header: $(printf '%s' "$json" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)" \
    -H "XroadVnpt-version: 3.0.201608" "$AXIS/sendEdoc") || return 1
  case $reply in *'"OK"'*) mv "$file" "$SENT/" ;; *) echo "send-folder: $name: $reply" >&2; return 1 ;; esac
}

sent=0
while read -r file <&3; do
  case ${file##*/} in .*) continue ;; *.pdf) ;; *) continue ;; esac
  [ -f "$file" ] || continue
  if send "$file"; then sent=$((sent + 1)); fi
  if [ -n "${STOP_AFTER:-}" ] && [ "$sent" -ge "$STOP_AFTER" ]; then break; fi
done
echo "send-folder: $sent sent"
