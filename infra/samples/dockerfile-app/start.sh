#!/bin/sh
# Config vars reach the container as environment variables, as in any release.
echo "Hello from a Dockerfile: ${GREETING:-no greeting set}" > /srv/www/index.html
# Listens on 8080 whatever $PORT says: the port is the one the Dockerfile EXPOSEs.
exec busybox httpd -f -p 8080 -h /srv/www
