# changes: _solution/commands.sh
# L502 mistake: scaling out right after create-service, without waiting for the service to be stable at 1.
# drop step: check-service
