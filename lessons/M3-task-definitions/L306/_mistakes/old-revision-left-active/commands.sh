# changes: _solution/commands.sh
# Revision 1, which shows the old password, is left ACTIVE: neither deregistered nor deleted.
# drop step: deregister-revision-1
# drop step: delete-revision-1
