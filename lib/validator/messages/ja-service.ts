/** サービスのルール (セクション K と L、および H、J、M のサービス部分) の日本語メッセージ。 */
import type { Catalog } from "./params";

type Rules = Catalog["rules"];

export const jaService = {
  "SVC-NAME-FORMAT": { summary: "serviceName: 英数字、- と _ (1～255 文字)。", explain: (p) => `"${p.value}" に使えるのは英数字、ハイフン、アンダースコアだけです (255 文字まで)。` },
  "SVC-TD-REQUIRED": { summary: "CreateService には taskDefinition が必要です (コントローラーが EXTERNAL の場合を除く)。", explain: () => "\"taskDefinition\" を追加してください。サービスが実行するタスク定義のファミリー、ファミリー:リビジョン、または ARN です。" },
  "SVC-EXTERNAL-NO-TD": {
    summary: "EXTERNAL デプロイコントローラーでは taskDefinition と loadBalancers を指定しません。",
    explain: (p) => `EXTERNAL コントローラーでは${p.value === "taskDefinition" ? "タスク定義" : "ロードバランサー"}はタスクセットが持ちます。サービスから "${p.value}" を削除してください。`,
  },
  "SVC-LAUNCHTYPE-XOR-CPS": { summary: "launchType と capacityProviderStrategy は同時に指定できません。", explain: () => "launchType か capacityProviderStrategy (FARGATE や FARGATE_SPOT も指定可能) のどちらか一方にしてください。" },
  "SVC-MANAGED-INSTANCES": { summary: "Managed Instances は launchType ではなくキャパシティープロバイダーで選びます。", explain: () => "launchType MANAGED_INSTANCES の代わりに、Managed Instances のキャパシティープロバイダーを capacityProviderStrategy で指定してください。" },
  "SVC-DESIREDCOUNT-REPLICA": { summary: "REPLICA のサービスには desiredCount が必要です。", explain: () => "\"desiredCount\" (サービスが実行し続けるタスクの数) を追加してください。" },
  "SVC-DAEMON-DESIREDCOUNT": { summary: "DAEMON のサービスには desiredCount を指定しません。", explain: () => "DAEMON はコンテナインスタンスごとに 1 タスクを実行します。desiredCount を削除してください。" },
  "SVC-DAEMON-PLACEMENT-STRATEGY": { summary: "DAEMON のサービスには placementStrategy を指定しません。", explain: () => "DAEMON はすべてのインスタンスに 1 タスクずつ配置します。placementStrategy を削除してください。" },
  "SVC-DAEMON-CPS": { summary: "DAEMON のサービスではキャパシティープロバイダー戦略を使えません。", explain: () => "capacityProviderStrategy を削除し、\"launchType\": \"EC2\" を指定してください (指定しないとクラスターの既定の戦略が使われます)。" },
  "SVC-DAEMON-FARGATE": { summary: "DAEMON は Fargate や CODE_DEPLOY/EXTERNAL コントローラーでは使えません。", explain: (p) => `DAEMON にはコンテナインスタンスと ECS コントローラーが必要で、${p.value} では使えません。REPLICA にしてください。` },
  "SVC-DAEMON-MAXPERCENT": { summary: "DAEMON のサービスの maximumPercent は 100 です。", explain: (p) => `DAEMON では maximumPercent ${p.value} は使えません。100 にする (または省略する) してください。` },
  "SVC-DAEMON-AZ-REBALANCING": { summary: "アベイラビリティーゾーンの再分散は DAEMON には適用されません。", explain: () => "availabilityZoneRebalancing を DISABLED にするか削除してください。" },
  "SVC-PERCENT-BOUNDS": {
    summary: "minimumHealthyPercent ≤ 100 ≤ maximumPercent で、両方 100 にはできません。",
    explain: (p) =>
      p.detail === "min"
        ? "minimumHealthyPercent は 100 を超えられません。"
        : p.detail === "max"
          ? "REPLICA のサービスでは maximumPercent は 100 未満にできません。"
          : "両方が 100 だと、ECS は古いタスクを止めることも新しいタスクを起動することもできず、デプロイが進みません。minimumHealthyPercent を下げるか maximumPercent を上げてください。",
  },
  "SVC-PERCENT-CAPACITY": {
    summary: "この desiredCount では min/max パーセントにタスクを入れ替える余地がありません。",
    explain: (p) => `desiredCount ${p.value}、min/max ${p.detail} では、ECS は実行中のタスクを止めることも追加で起動することもできず、デプロイが進みません。minimumHealthyPercent を下げるか maximumPercent を上げてください。`,
  },
  "SVC-PERCENT-CODEDEPLOY-EC2": { summary: "CODE_DEPLOY または EXTERNAL コントローラーで min/max パーセントを指定しています。", explain: (p) => `${p.value} コントローラーではローリング更新のパーセントは使われません。削除してください。` },
  "SVC-CIRCUIT-BREAKER-CONTROLLER": { summary: "サーキットブレーカーとアラームは ECS コントローラーでのみ使えます。", explain: (p) => `${p.detail} は ECS のローリング更新の機能で、${p.value} コントローラーでは使われません。削除してください。` },
  "SVC-STRATEGY-CONFIG": {
    summary: "デプロイ戦略の設定は戦略に合わせ、範囲内にします。",
    explain: (p) =>
      p.detail?.startsWith("needs:")
        ? `${p.value} は "strategy": "${p.detail.slice(6)}" のときだけ指定できます。`
        : p.detail === "bake"
          ? "BLUE_GREEN のデプロイには bakeTimeInMinutes が必要です。"
          : `${p.value} は ${p.detail?.slice(6)} の範囲外です (パーセントは 0.1 刻み)。`,
  },
  "SVC-LIFECYCLE-HOOKS": { summary: "ライフサイクルフックには hookTargetArn、roleArn、lifecycleStages が必要です。", explain: (p) => `このライフサイクルフックには ${p.value} がありません。` },
  "SVC-CODEDEPLOY-LB": { summary: "CODE_DEPLOY のサービスには ALB か NLB のターゲットグループが必要です。", explain: () => "CodeDeploy の Blue/Green は 2 つのターゲットグループ間でトラフィックを切り替えます。targetGroupArn を持つ loadBalancers を追加してください。" },
  "SVC-PLATFORMVERSION-EC2": { summary: "platformVersion は Fargate でのみ指定します。", explain: () => "プラットフォームバージョンは Fargate のものです。EC2 では platformVersion を削除してください。" },
  "SVC-PLATFORMVERSION-VALUE": { summary: "platformVersion は LATEST、1.4.0、1.3.0、(Windows) 1.0.0 のいずれかです。", explain: (p) => `"${p.value}" は Fargate のプラットフォームバージョンではありません。LATEST を使ってください。` },
  "SVC-NETCONF-SUBNETS": {
    summary: "awsvpcConfiguration: サブネット 1～16 個、セキュリティグループ 5 個まで、正しい ID。",
    explain: (p) =>
      ({
        empty: "subnets は空にできません。タスクのネットワークインターフェイスを作る場所が必要です。",
        subnetCount: "サブネットは 16 個までです。",
        groupCount: "セキュリティグループは 5 個までです。",
        subnetId: `"${p.value}" はサブネット ID (subnet- に 16 進数 8 文字または 17 文字) ではありません。`,
        groupId: `"${p.value}" はセキュリティグループ ID (sg- に 16 進数 8 文字または 17 文字) ではありません。`,
      })[p.detail as "empty"] ?? "",
  },
  "SVC-PUBLICIP-EC2": { summary: "assignPublicIp ENABLED は Fargate でのみ使えます。", explain: () => "awsvpc モードの EC2 タスクはパブリック IP を持てません。DISABLED にして NAT ゲートウェイを使うか、Fargate で実行してください。" },
  "SVC-PLACEMENT-FARGATE": { summary: "Fargate のサービスには配置制約も配置戦略も指定しません。", explain: (p) => `タスクの実行場所は Fargate が決めます。${p.value} を削除してください。` },
  "SVC-PLACEMENT-STRATEGY-FIELD": {
    summary: "binpack は cpu か memory、random はフィールドなし、spread は instanceId/host/attribute:…、5 個まで。",
    explain: (p) =>
      ({
        count: "配置戦略は 5 個までです。",
        binpack: `binpack のフィールド "${p.value}" は無効です。cpu か memory を使ってください。`,
        random: "random にはフィールドを指定しません。削除してください。",
        spread: `spread のフィールド "${p.value}" は無効です。instanceId、host、attribute:<名前> を使ってください。`,
      })[p.detail as "count"] ?? "",
  },
  "SVC-PLACEMENT-CONSTRAINT": {
    summary: "distinctInstance には expression なし、memberOf には必要、10 個まで。",
    explain: (p) => ({ count: "配置制約は 10 個までです。", distinct: "distinctInstance には expression を指定しません。削除してください。", memberOf: "memberOf には expression が必要です。" })[p.detail as "count"] ?? "",
  },
  "SVC-CPS-RULES": {
    summary: "キャパシティープロバイダー戦略: 20 個まで、weight 0～1000、base 0～100000、base は 1 つ、正の weight、プロバイダーは一意。",
    explain: (p) =>
      ({
        count: "キャパシティープロバイダーは 20 個までです。",
        weight: `weight ${p.value} は 0～1000 の範囲外です。`,
        base: `base ${p.value} は 0～100000 の範囲外です。`,
        multipleBase: "base を 0 より大きくできるキャパシティープロバイダーは 1 つだけです。",
        duplicate: `${p.value} が 2 回あります。`,
        zeroWeight: "少なくとも 1 つのキャパシティープロバイダーの weight を 0 より大きくしてください。そうしないと base を超えるタスクが配置されません。",
      })[p.detail as "count"] ?? "",
  },
  "SVC-ROLE-NEEDS-LB": { summary: "role はロードバランサーを使うサービス専用です。", explain: () => "role を削除してください。これは ECS が Classic Load Balancer やターゲットグループにタスクを登録するためのものです (awsvpc のサービスはサービスにリンクされたロールを使います)。" },
  "SVC-LB-EXCLUSIVE": {
    summary: "ロードバランサーの各要素は targetGroupArn か loadBalancerName のどちらか一方で、種類をそろえます。",
    explain: (p) => (p.detail === "mixed" ? "1 つのサービスで Classic Load Balancer とターゲットグループを混在させないでください。" : "targetGroupArn (ALB/NLB) か loadBalancerName (Classic) のどちらか一方を指定してください。"),
  },
  "SVC-LB-FIELDS": {
    summary: "ロードバランサーの各要素に containerName と containerPort が必要。ターゲットグループは 5 個まで。",
    explain: (p) => (p.detail === "count" ? "1 つのサービスで使えるターゲットグループは 5 個までです。" : `${p.value} を追加してください。ロードバランサーがトラフィックを送るコンテナとポートです。`),
  },
  "SVC-REGISTRIES-MAX": { summary: "サービスレジストリは 1 つまでです。", explain: () => "1 つのサービスが登録できる Cloud Map サービスは 1 つだけです。" },
  "SVC-ECSMANAGEDTAGS": { summary: "propagateTags なしで enableECSManagedTags を指定しています。", explain: () => "ECS 管理タグがタスクに付くのは propagateTags が SERVICE か TASK_DEFINITION のときだけです。" },
  "SVC-SC-ALIASES": {
    summary: "Service Connect: クライアントエイリアスは 1 つ、port は 0～65535、dnsName と discoveryName は有効な名前。",
    explain: (p) =>
      ({
        count: `クライアントエイリアスが ${p.value} 個あります。1 つだけにしてください。`,
        port: `port ${p.value} は 0～65535 の範囲外です。`,
        dns: `"${p.value}" は有効な DNS 名ではありません (小文字、数字、_ . - の 127 文字まで、- で始めない)。`,
        discovery: `"${p.value}" は有効な discoveryName ではありません (小文字、数字、_ - の 64 文字まで、- で始めない)。`,
      })[p.detail as "count"] ?? "",
  },
  "SVC-SC-NAMESPACE": {
    summary: "namespace なしで Service Connect を有効にしています。クラスターの既定の名前空間が必要です。",
    explain: () => "\"namespace\" がないと ECS はクラスターの既定の Service Connect 名前空間を使い、それがなければリクエストを拒否します (\"Namespace is missing\")。確実にするため、ここで Cloud Map の名前空間を指定してください。",
  },
  "SVC-SC-ACCESSLOG-NEEDS-LOG": { summary: "Service Connect のアクセスログには logConfiguration が必要です。", explain: () => "アクセスログの送り先として serviceConnectConfiguration.logConfiguration を追加してください。" },
  "SVC-EBS-CONFIG": {
    summary: "マネージド EBS ボリュームの設定はボリュームタイプに合わせます。",
    explain: (p) =>
      ({
        size: "sizeInGiB か snapshotId を指定してください。",
        sizeRange: `サイズが ${p.value?.split(":")[0]} の範囲 (${p.value?.split(":")[1]} GiB) の外です。`,
        iops: `iops は gp3、io1、io2 でのみ指定でき、${p.value} では使えません。`,
        iopsRequired: `${p.value} ボリュームには iops が必要です。`,
        throughput: "throughput は gp3 でのみ、1000 MiB/s まで指定できます。",
        rate: "volumeInitializationRate は snapshotId と一緒のときだけ指定できます。",
        standard: "Fargate は standard (マグネティック) ボリュームに対応していません。",
      })[p.detail as "size"] ?? "",
  },
  "SVC-HCGP-NO-CHECKS": { summary: "待つ対象のない healthCheckGracePeriodSeconds です。", explain: () => "ロードバランサーも VPC Lattice もコンテナのヘルスチェックもないため、猶予期間は使われません。削除してください。" },
  "SVC-EXEC-NEEDS-TASKROLE": {
    summary: "ECS Exec にはタスクロール (ssmmessages の権限) が必要です。",
    explain: () => "enableExecuteCommand が有効ですが、タスク定義に taskRoleArn がないため SSM エージェントが接続できず、execute-command は失敗します。ssmmessages:* の権限を持つタスクロールを追加してください。",
  },
  "XR-NETCONF-REQUIRED": { summary: "awsvpc のタスク定義にはサービスの networkConfiguration が必要です。", explain: () => "タスクのネットワークインターフェイス用に、subnets (とセキュリティグループ) を含む networkConfiguration.awsvpcConfiguration を追加してください。" },
  "XR-NETCONF-FORBIDDEN": { summary: "networkConfiguration は awsvpc のタスク定義でのみ指定します。", explain: (p) => `タスク定義は ${p.value} を使っています。networkConfiguration を削除するか、タスク定義を awsvpc にしてください。` },
  "XR-FARGATE-COMPAT": { summary: "Fargate のサービスには Fargate 互換のタスク定義が必要です。", explain: () => "タスク定義の requiresCompatibilities に \"FARGATE\" を追加する (awsvpc と有効な Fargate の cpu/memory も必要) か、EC2 でサービスを実行してください。" },
  "XR-FARGATE-LOGDRIVER": { summary: "Fargate のサービスのタスク定義が、Fargate にないログドライバーを使っています。", explain: (p) => `コンテナ '${p.detail}' は ${p.value} でログを送っています。Fargate で使えるのは awslogs、splunk、awsfirelens です。` },
  "XR-LB-CONTAINER": { summary: "ロードバランサーの containerName はタスク定義に存在する必要があります。", explain: (p) => `タスク定義に '${p.value}' という名前のコンテナはありません。` },
  "XR-LB-PORT": { summary: "ロードバランサーの containerPort はそのコンテナのポートマッピングにある必要があります。", explain: (p) => `コンテナ '${p.value}' に containerPort ${p.detail} のポートマッピングがありません。追加するか、ポートを直してください。` },
  "XR-LB-CLB-AWSVPC": { summary: "Classic Load Balancer は awsvpc や Fargate では使えません。", explain: () => "Application Load Balancer か Network Load Balancer のターゲットグループ (ターゲットタイプ ip) を使ってください。" },
  "XR-LB-CLB-HOSTPORT": { summary: "Classic Load Balancer には固定のホストポートが必要です。", explain: (p) => `コンテナポート ${p.value} を固定の hostPort にマッピングしてください。Classic Load Balancer は動的ポートを追えません。` },
  "XR-ROLE-AWSVPC": { summary: "awsvpc のタスク定義ではサービスロールを指定しません。", explain: () => "awsvpc のサービスは ECS のサービスにリンクされたロールを使います。role を削除してください。" },
  "XR-REGISTRY-PORTS": {
    summary: "サービスレジストリのポートはネットワークモードに合わせます。",
    explain: (p) => (p.detail === "bridge" ? "bridge や host のネットワークでは、レジストリに containerName と containerPort が必要です。" : "awsvpc では port か containerName/containerPort のどちらか一方を指定してください。"),
  },
  "XR-SC-PORTNAME": { summary: "Service Connect と VPC Lattice の portName はポートマッピングの名前を指します。", explain: (p) => `タスク定義に "${p.value}" という名前のポートマッピングはありません。ポートマッピングに "name" を追加してください。` },
  "XR-EBS-NAME": {
    summary: "volumeConfigurations はタスク定義の configuredAtLaunch ボリュームに対応させます。",
    explain: (p) => (p.detail === "missing" ? `タスク定義のボリューム "${p.value}" は起動時に設定するボリュームです。volumeConfigurations に追加してください。` : `タスク定義に "${p.value}" という configuredAtLaunch のボリュームはありません。`),
  },
  "XR-DAEMON-PORTS": {
    summary: "固定のホストポートでは、インスタンスあたり 1 タスクしか動きません。",
    explain: (p) => `コンテナ '${p.detail}' はホストポート ${p.value} を使うため、インスタンスごとに 1 タスクしか動かず、インスタンス数を超えるタスクは配置されません。動的ポート (hostPort 0) か awsvpc を使ってください。`,
  },
  "XR-PV-FEATURES": { summary: "プラットフォームバージョン 1.3.0 にはタスク定義が使う機能がありません。", explain: (p) => `${p.value} には Fargate プラットフォームバージョン 1.4.0 以降が必要です。LATEST を使ってください。` },
  "XR-HCGP-SLOW-START": { summary: "猶予期間がコンテナのヘルスチェックの startPeriod より短いです。", explain: (p) => `healthCheckGracePeriodSeconds ${p.value} が startPeriod ${p.detail} より短いため、起動中のタスクがロードバランサーに停止されるおそれがあります。` },
  "BP-PUBLIC-IP": { summary: "タスクにパブリック IP アドレスが割り当てられます (Security Hub ECS.2)。", explain: () => "パブリック IP はタスクをインターネットにさらします。NAT ゲートウェイか VPC エンドポイントのあるプライベートサブネットをお勧めします。" },
  "BP-FARGATE-LATEST": { summary: "Fargate のサービスが古いプラットフォームバージョンに固定されています (Security Hub ECS.10)。", explain: (p) => `プラットフォームバージョン ${p.value} にはセキュリティ修正が含まれません。LATEST を使ってください。` },
  "BP-CIRCUIT-BREAKER": { summary: "デプロイのサーキットブレーカーもアラームもありません。", explain: () => "失敗したデプロイが自動でロールバックされるよう、rollback 付きの deploymentCircuitBreaker を有効にしてください。" },
  "LP-INIT-FOR-EXEC": { summary: "ECS Exec では initProcessEnabled を有効にするのが望ましいです。", explain: (p) => `${p.value} で linuxParameters.initProcessEnabled を true にし、ECS Exec が起動したプロセスが回収されるようにしてください。` },
  "FG-SPOT-LIMITS": {
    summary: "FARGATE_SPOT は Windows を実行できず、ARM64 にはプラットフォーム 1.4.0 以降が必要です。",
    explain: (p) => (p.detail === "windows" ? "Fargate Spot は Windows のタスクを実行しません。FARGATE を使ってください。" : "Fargate Spot の ARM64 にはプラットフォームバージョン 1.4.0 以降が必要です。"),
  },
} satisfies Partial<Rules>;
