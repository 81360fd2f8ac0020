# changes: _solution/commands.sh
# Revision 1 is deregistered (INACTIVE, still readable with the old password) but never deleted.
# drop step: delete-revision-1
