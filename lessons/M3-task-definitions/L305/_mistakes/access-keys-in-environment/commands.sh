# Only daily-report.json differs (keys in environment, no taskRoleArn): the file checks catch it before anything runs.
true
