/** 初版以降に追加したセクション A–J と M のルールの日本語メッセージ (その他は ja.ts)。 */
import type { Catalog, HealthRange } from "./params";

type Rules = Catalog["rules"];

const healthRange = (member: string, unit: string) => (p: HealthRange) =>
  `コンテナ '${p.container}' の healthCheck.${member} は ${p.value}${unit} です。${p.min}～${p.max}${unit} の範囲で指定してください。`;

const TAG_PROBLEMS = {
  count: "1 つのリソースに付けられるタグは 50 個までです。減らしてください。",
  keyLength: "タグのキーは 128 文字までです。",
  keyChars: "タグのキーに使えるのは文字、数字、空白、_ . : / = + - @ だけです。",
  reserved: "\"aws:\" で始まるタグキーは AWS 用に予約されています。別のキーにしてください。",
  duplicate: "このタグキーは 2 回使われています。タグキーは一意にしてください。",
  valueLength: "タグの値は 256 文字までです。",
  valueChars: "タグの値に使えるのは文字、数字、空白、_ . : / = + - @ だけです。",
} as const;

export const jaRules = {
  "CLI-DESCRIBE-OUTPUT": {
    summary: "describe-task-definition の出力を登録用の入力として貼り付けています (読み取り専用フィールドや taskDefinition のラッパー)。",
    explain: (p) =>
      (p.wrapped
        ? "これは describe-task-definition の出力で、定義が \"taskDefinition\" の下にあります。AWS CLI には定義そのものをトップレベルで渡します。"
        : "これは describe-task-definition の出力です。") +
      (p.fields ? ` 登録時に AWS が付ける読み取り専用フィールド (${p.fields}) を削除してください。` : "") +
      " クイックフィックスで register-task-definition の入力に変換できます。",
  },
  "API-ENUM": {
    summary: "API が許可する値 (列挙値) 以外の値です。",
    explain: (p) => `"${p.value}" は ${p.member} の有効な値ではありません。使える値: ${p.values}。` + (p.suggestion ? ` "${p.suggestion}" のことですか?` : "") + " CLI はそのまま送信し、ECS がリクエストを拒否します。",
  },
  "API-TAGS": {
    summary: "タグ: 50 個まで、キーは 1～128 文字、値は 256 文字まで、aws: で始まらない一意のキー。",
    explain: (p) => TAG_PROBLEMS[p.problem],
  },
  "TPL-PLACEHOLDER": {
    summary: "テンプレートのプレースホルダーが残っています。登録前に置き換えてください。",
    explain: (p) =>
      p.syntax === "skeleton"
        ? "generate-cli-skeleton の出力のようです。\"string\" は自分で埋める値を表します。それらの値の検査は省略しました。"
        : `"${p.value}" はテンプレートのプレースホルダー (${p.syntax}) です。登録前に置き換えてください。この値に依存する検査は省略しました。`,
  },
  "TD-SUM-MEMORY-EFFECTIVE": {
    summary: "コンテナが確保するメモリ (memoryReservation、なければ memory) の合計はタスクのメモリに収めるべきです。",
    explain: (p) => `コンテナが確保するメモリの合計は ${p.sum} MiB (memoryReservation、未指定なら memory) で、タスクの ${p.taskMemory} MiB を超えています。タスクが起動しない、またはメモリ不足で終了するおそれがあります。`,
  },
  "TD-PLACEMENT-CONSTRAINT": {
    summary: "タスク定義の配置制約: type は memberOf、expression (2000 文字まで) が必要、最大 10 個。",
    explain: (p) =>
      ({
        type: `タスク定義で使える制約は "memberOf" だけで、"${p.value}" は使えません (distinctInstance はサービスまたは run-task で指定します)。`,
        expression: "memberOf 制約にはクラスタークエリ言語の \"expression\" が必要です (例: \"attribute:ecs.instance-type =~ t3.*\")。",
        length: `expression が ${p.value} 文字あります。上限は 2000 文字です。`,
        count: `配置制約が ${p.value} 個あります。上限はタスク定義と実行時を合わせて 10 個です。`,
      })[p.problem],
  },
  "TD-EPHEMERAL-RANGE": {
    summary: "ephemeralStorage.sizeInGiB は 21～200 です。",
    explain: (p) => `エフェメラルストレージ ${p.size} GiB は${p.tooSmall ? "最小値未満" : "最大値超過"}です。${p.bound} を指定してください (範囲は 21～200 GiB、20 GiB までは既定で無料です)。`,
  },
  "TD-EPHEMERAL-EC2": {
    summary: "ephemeralStorage は Fargate 専用で、EC2 互換のタスク定義には指定できません。",
    explain: (p) =>
      p.compatibilitiesGiven
        ? "ephemeralStorage は Fargate の設定です。requiresCompatibilities から EC2 を外すか、ephemeralStorage を削除してください (EC2 ではインスタンスのディスクを使います)。"
        : "requiresCompatibilities がないと ECS は EC2 用として検査し、EC2 には ephemeralStorage がありません。\"requiresCompatibilities\": [\"FARGATE\"] を追加するか、ephemeralStorage を削除してください。",
  },
  "TD-INFERENCE-RETIRED": {
    summary: "Elastic Inference (inferenceAccelerators) は提供終了しました。",
    explain: (p) => `Amazon Elastic Inference は提供終了したため、${p.member === "inferenceAccelerators" ? "inferenceAccelerators" : "InferenceAccelerator のリソース要件"}は拒否されます。削除して、GPU インスタンスや AWS Inferentia を使ってください。`,
  },
  "TD-ROLE-ARN-FORMAT": {
    summary: "executionRoleArn は完全な IAM ロール ARN、taskRoleArn は ARN またはロール名です。",
    explain: (p) =>
      p.member === "executionRoleArn"
        ? `"${p.value}" は IAM ロールの ARN ではありません。arn:aws:iam::123456789012:role/ecsTaskExecutionRole の形式で書いてください。`
        : `"${p.value}" は IAM ロールの ARN (arn:aws:iam::123456789012:role/名前) でもロール名でもありません。`,
  },
  "TD-RUNTIME-ARM-WINDOWS": {
    summary: "Windows のタスク定義では ARM64 を使えません。",
    explain: () => "Windows コンテナは X86_64 でのみ動きます。cpuArchitecture を X86_64 にするか、ARM64 (Graviton) には Linux を使ってください。",
  },
  "TD-SIZE": {
    summary: "タスク定義の大きさは 64 KiB までです。",
    explain: (p) => `このタスク定義は ${p.bytes} バイトで、ECS の上限 ${p.max} バイトを超えています。長いコマンドや大量の環境変数は環境ファイル、SSM パラメータ、イメージに移してください。`,
  },
  "TD-REQCOMPAT-UNIQUE": {
    summary: "requiresCompatibilities の各起動タイプは 1 回だけ指定します。",
    explain: (p) => `"${p.value}" が requiresCompatibilities に 2 回あります。重複を削除してください。`,
  },
  "CD-NAME-FORMAT": {
    summary: "コンテナ名に使えるのは英数字、ハイフン、アンダースコアだけです (1～255 文字)。",
    explain: (p) => `コンテナ名 '${p.name}' に使えるのは英数字、ハイフン (-)、アンダースコア (_) だけです。`,
  },
  "CD-IMAGE-FORMAT": {
    summary: "イメージ参照に ECS が受け付けない文字、長さ、ダイジェストが含まれています。",
    explain: (p) =>
      ({
        chars: `コンテナ '${p.container}' のイメージ "${p.image}" に ECS が受け付けない文字があります (使えるのは英数字と - _ : . / #)。空白や引用符がないか確認してください。`,
        length: `コンテナ '${p.container}' のイメージ名が 255 文字を超えています。`,
        digest: `コンテナ '${p.container}' のイメージの "@" の後のダイジェストは、sha256: に続く 16 進数ちょうど 64 文字でなければなりません。`,
      })[p.problem],
  },
  "CD-IMAGE-REF-GRAMMAR": {
    summary: "イメージ参照が Docker の参照として正しくないため、プルに失敗します。",
    explain: (p) =>
      `ECS は "${p.image}" を受け付けますが、Docker は解釈できません (${
        { uppercase: "リポジトリ名は小文字でなければなりません", leadingSlash: "/ で始まっています", emptyTag: ": の後のタグが空です", doubleColon: ":: が含まれています" }[p.problem]
      })。タスクは CannotPullContainerError: invalid reference format で停止します。`,
  },
  "CD-MEMORY-MIN": {
    summary: "コンテナには 6 MiB 以上のメモリが必要です。",
    explain: (p) => `コンテナ '${p.container}' の ${p.member} ${p.value} MiB は Docker の最小値 ${p.min} MiB 未満で、コンテナを作成できません (CannotCreateContainerError)。`,
  },
  "CD-CPU-SHARES-RANGE": {
    summary: "コンテナの cpu が 2～262144 の範囲外だと黙って丸められます。",
    explain: (p) => `コンテナの cpu ${p.value} は CPU シェア 2～262144 の範囲外で、エージェントが値を丸めるため意図どおりに働きません。1024 ユニット = 1 vCPU です。`,
  },
  "CD-VERSION-CONSISTENCY": {
    summary: "versionConsistency は enabled か disabled です。",
    explain: (p) =>
      `コンテナ '${p.container}' の "${p.value}" は無効です。"enabled" (既定: デプロイ時に ECS がイメージタグをダイジェストに固定し、すべてのタスクが同じイメージを実行します) か "disabled" にしてください。`,
  },
  "NET-AWSVPC-HOSTPORT": {
    summary: "awsvpc では hostPort を省略するか containerPort と同じにします。",
    explain: (p) => `awsvpc モードではタスクが専用のネットワークインターフェイスを持つため、コンテナ '${p.container}' は ${p.containerPort} で直接待ち受けます。hostPort を削除するか ${p.containerPort} にしてください (${p.hostPort} ではなく)。`,
  },
  "NET-HOST-HOSTPORT": {
    summary: "host ネットワークでは hostPort を省略するか containerPort と同じにします。",
    explain: (p) => `host モードではコンテナ '${p.container}' がインスタンスのポートを直接使うため、${p.hostPort} から ${p.containerPort} への変換はありません。hostPort を削除するか ${p.containerPort} にしてください。`,
  },
  "NET-NONE-PORTS": {
    summary: "networkMode が none のときはポートマッピングを指定できません。",
    explain: (p) => `networkMode "none" のタスクは外部ネットワークを持たないため、コンテナ '${p.container}' はポートをマッピングできません。portMappings を削除するか、別のネットワークモードにしてください。`,
  },
  "NET-AWSVPC-PORT-UNIQUE": {
    summary: "awsvpc では、プロトコルとコンテナポートの組はタスク全体で 1 回だけ使えます。",
    explain: (p) => `awsvpc のタスクでは全コンテナが 1 つのネットワークインターフェイスを共有するため、${p.protocol} ポート ${p.port} を使えるのは 1 つのコンテナだけです。別のポートにしてください。`,
  },
  "NET-PORT-MULTI-PROTOCOL": {
    summary: "1 つのコンテナポートを 2 つのプロトコルで公開することはできません。",
    explain: (p) => `コンテナ '${p.container}' がポート ${p.port} を tcp と udp の両方でマッピングしています。ECS では 1 つのポートに 1 つのプロトコルだけです。`,
  },
  "NET-PORT-RANGE": {
    summary: "ポートは 1～65535 (bridge では hostPort 0 = 動的)。各マッピングに containerPort か containerPortRange が必要です。",
    explain: (p) =>
      p.value === undefined
        ? `コンテナ '${p.container}' のポートマッピングに containerPort も containerPortRange もありません。コンテナが待ち受けるポートを指定してください。`
        : `コンテナ '${p.container}' の ${p.member} ${p.value} は有効なポートではありません (1～65535${p.member === "hostPort" ? "。0 は bridge モードでのみ動的ポートを意味します" : ""})。`,
  },
  "NET-PORTRANGE-FORMAT": {
    summary: "containerPortRange は 1 ≤ 開始 < 終了 ≤ 65535 の \"開始-終了\" です。",
    explain: (p) => `"${p.value}" はポート範囲ではありません。小さいポートを先に "開始-終了" の形で書いてください (例: "8000-8010")。`,
  },
  "NET-PORTRANGE-EXCLUSIVE": {
    summary: "containerPortRange を使うマッピングには containerPort も hostPort も指定しません。",
    explain: (p) => `コンテナ '${p.container}' の 1 つのマッピングにポート範囲と ${p.member} の両方があります。${p.member} を削除してください。範囲のホストポートは ECS が割り当てます。`,
  },
  "NET-PORTRANGE-MODE": {
    summary: "containerPortRange は bridge か awsvpc でのみ、コンテナあたり 100 個までです。",
    explain: (p) => (p.networkMode ? `ポート範囲は bridge と awsvpc モードでのみ使え、${p.networkMode} では使えません。` : `コンテナ '${p.container}' にポート範囲が ${p.count} 個あります。上限は ${p.max} 個です。`),
  },
  "NET-PORTNAME-FORMAT": {
    summary: "ポートマッピング名: 小文字、数字、_ と - の 64 文字まで、- で始めない。",
    explain: (p) => `ポート名 "${p.name}" に使えるのは小文字、数字、_ と - だけで、- で始めず、64 文字以内にしてください。`,
  },
  "NET-PORTNAME-UNIQUE": {
    summary: "ポートマッピング名はタスク定義全体で一意です。",
    explain: (p) => `ポート名 "${p.name}" が 2 回使われています。Service Connect は名前でポートを探すため、タスク定義内で一意にしてください。`,
  },
  "NET-APPPROTOCOL-NONAME": {
    summary: "ポート名のない appProtocol は効果がありません。",
    explain: (p) => `コンテナ '${p.container}' のポートの appProtocol は、ポートを名前で選ぶ Service Connect でのみ意味があります。マッピングに "name" を付けるか、appProtocol を削除してください。`,
  },
  "NET-HOSTNAME-AWSVPC": {
    summary: "awsvpc では hostname を指定できません。",
    explain: (p) => `コンテナ '${p.container}': awsvpc モードではホスト名はタスクのネットワークインターフェイスから決まります。"hostname" を削除してください。`,
  },
  "NET-EXTRAHOSTS-AWSVPC": {
    summary: "awsvpc では extraHosts を指定できません。",
    explain: (p) => `コンテナ '${p.container}': awsvpc モードは extraHosts に対応していません。DNS (Route 53 や Service Connect) を使ってください。`,
  },
  "NET-DNS-AWSVPC": {
    summary: "awsvpc では dnsServers と dnsSearchDomains を指定できません。",
    explain: (p) => `コンテナ '${p.container}': awsvpc モードでは DNS は VPC (DHCP オプション) から決まります。"${p.member}" を削除してください。`,
  },
  "NET-DISABLENET-AWSVPC": {
    summary: "awsvpc では disableNetworking を指定できません。",
    explain: (p) => `コンテナ '${p.container}': awsvpc モードは disableNetworking に対応していません。削除してください (ネットワークなしのタスクは EC2 の networkMode "none" で)。`,
  },
  "NET-LINKS-MODE": {
    summary: "links は bridge モードでのみ使えます。",
    explain: (p) => `links は Docker の bridge ネットワーク上でコンテナをつなぐもので、networkMode ${p.networkMode} では使えません。links を削除してください。${p.networkMode === "awsvpc" ? "awsvpc ではコンテナ同士は localhost で通信できます。" : "このモードではコンテナはホストのネットワークを共有します。"}`,
  },
  "NET-LINKS-TARGET": {
    summary: "links の各要素はタスク内の別のコンテナを指します。",
    explain: (p) => `コンテナ '${p.container}' のリンク先 '${p.target}' は、このタスク定義の別のコンテナではありません。`,
  },
  "NET-STATIC-HOSTPORT": {
    summary: "エフェメラル範囲や予約済みポートの固定ホストポートでは配置できません。",
    explain: (p) =>
      p.reserved
        ? `コンテナ '${p.container}' のホストポート ${p.port} はコンテナインスタンスで予約済み (SSH、Docker、ECS エージェント) のため、タスクを配置できません (RESOURCE:PORTS)。`
        : `コンテナ '${p.container}' のホストポート ${p.port} は Docker が動的ポートに使うエフェメラル範囲にあり、配置に失敗することがあります (RESOURCE:PORTS)。hostPort 0 (動的) か 32768 未満のポートにしてください。`,
  },
  "LOG-DRIVER-ENUM": {
    summary: "logDriver は json-file、syslog、journald、gelf、fluentd、awslogs、splunk、awsfirelens のいずれかです。",
    explain: (p) => `"${p.driver}" は ECS が知っているログドライバーではありません。` + (p.suggestion ? ` "${p.suggestion}" のことですか?` : " CloudWatch Logs に送るなら awslogs を使ってください。"),
  },
  "LOG-FARGATE-DRIVER": {
    summary: "Fargate で使えるログドライバーは awslogs、splunk、awsfirelens だけです。",
    explain: (p) => `コンテナ '${p.container}' は Fargate にない ${p.driver} を使っています。awslogs (CloudWatch Logs)、splunk、awsfirelens のいずれかにしてください。`,
  },
  "LOG-AWSLOGS-REQUIRED": {
    summary: "awslogs ドライバーには awslogs-group と awslogs-region オプションが必要です。",
    explain: (p) => `コンテナ '${p.container}' は awslogs を使っていますが ${p.missing} がありません。logConfiguration.options に追加してください (ロググループとそのリージョン)。`,
  },
  "LOG-AWSLOGS-PREFIX-FARGATE": {
    summary: "Fargate の awslogs には awslogs-stream-prefix が必要です。",
    explain: (p) => `コンテナ '${p.container}' のオプションに "awslogs-stream-prefix" を追加してください。Fargate はログストリームを プレフィックス/コンテナ名/タスク ID と名付けます。`,
  },
  "LOG-AWSLOGS-CREATEGROUP": {
    summary: "awslogs-create-group を指定するなら値は \"true\" です。",
    explain: (p) => `awslogs-create-group が "${p.value}" です。"true" にするか、オプションごと削除してください (既定ではグループを作成しません)。`,
  },
  "LOG-AWSLOGS-GROUP-FORMAT": {
    summary: "awslogs-group は CloudWatch Logs の有効なロググループ名です。",
    explain: (p) => `"${p.group}" はロググループ名として使えません。英数字と . - _ / # の 1～512 文字にしてください。`,
  },
  "LOG-AWSLOGS-UNKNOWN-OPT": {
    summary: "ECS のドキュメントにない awslogs オプションです。",
    explain: (p) => `"${p.key}" は ECS のドキュメントにある awslogs オプションではありません。` + (p.suggestion ? ` "${p.suggestion}" のことですか?` : " 綴りを確認してください。Docker は未知のオプションを無視するか拒否します。"),
  },
  "LOG-AWSLOGS-DATETIME-MULTILINE": {
    summary: "awslogs-datetime-format と awslogs-multiline-pattern の両方を指定すると、パターンは無視されます。",
    explain: (p) => `コンテナ '${p.container}' は awslogs-datetime-format と awslogs-multiline-pattern の両方を指定しているため、複数行パターンは無視されます。どちらか一方にしてください。`,
  },
  "LOG-MODE": {
    summary: "ログオプション mode は blocking か non-blocking。max-buffer-size は non-blocking のときだけ意味があります。",
    explain: (p) => (p.problem === "value" ? `mode "${p.value}" は無効です。"non-blocking" (2025 年 6 月以降の既定) か "blocking" にしてください。` : "mode が \"blocking\" のとき max-buffer-size は効果がありません。削除するか \"non-blocking\" にしてください。"),
  },
  "LOG-AWSLOGS-GROUP-MISSING": {
    summary: "awslogs-create-group が \"true\" でなければ、ロググループが存在している必要があります。",
    explain: (p) =>
      `ロググループ "${p.group}" は事前に存在している必要があります。"awslogs-create-group": "true" がないと、タスクは ResourceInitializationError: failed to validate logger args: ... The specified log group does not exist. で停止します。先に作成するか、オプションを追加してください (その場合タスク実行ロールに logs:CreateLogGroup が必要です)。`,
  },
  "LOG-FIRELENS-ROUTER": {
    summary: "awsfirelens ドライバーを使うなら、firelensConfiguration を持つコンテナがちょうど 1 つ必要です。",
    explain: (p) =>
      p.count === 0
        ? "awsfirelens でログを送るコンテナがありますが、ログルーターのコンテナがありません。\"firelensConfiguration\": {\"type\": \"fluentbit\"} を持つ Fluent Bit コンテナを追加してください。"
        : `firelensConfiguration を持つコンテナが ${p.count} 個あります。ログルーターはタスクに 1 つだけです。ほかのコンテナから削除してください。`,
  },
  "LOG-FIRELENS-FARGATE-S3": {
    summary: "Fargate では FireLens の config-file-type は s3 ではなく file です。",
    explain: (p) => `コンテナ '${p.container}': Fargate は FireLens の設定ファイルを S3 から読めません。ファイルをイメージに含め、config-file-type を "file" にしてください。`,
  },
  "LOG-SPLUNK-OPTS": {
    summary: "splunk ドライバーには splunk-url と splunk-token が必要です。",
    explain: (p) => `コンテナ '${p.container}' は splunk を使っていますが ${p.missing} がないため、ログドライバーが起動できずコンテナも起動しません。追加してください (トークンは secretOptions で渡すのが望ましいです)。`,
  },
  "LOG-MISSING": {
    summary: "logConfiguration のないコンテナ: 出力が失われます。",
    explain: (p) => `コンテナ '${p.container}' には logConfiguration がないため、出力を見られません。awslogs を設定してください (Security Hub ECS.9)。`,
  },
  "SEC-SECRETS-EXECROLE": {
    summary: "secrets (またはログの secretOptions) には executionRoleArn が必要です。",
    explain: () => "ECS はコンテナ起動前にタスク実行ロールでシークレットを読み取ります。これらのシークレットを読めるロールを \"executionRoleArn\" に指定してください。",
  },
  "SEC-REPOCREDS-EXECROLE": {
    summary: "repositoryCredentials には executionRoleArn が必要です。",
    explain: () => "ECS はプライベートレジストリの認証情報をタスク実行ロールで取得します。\"executionRoleArn\" を追加してください。",
  },
  "SEC-ECR-EXECROLE-FARGATE": {
    summary: "Fargate でプライベート ECR のイメージを使うには executionRoleArn が必要です。",
    explain: () => "Fargate はタスク実行ロールでプライベート ECR リポジトリからプルします。\"executionRoleArn\" (AmazonECSTaskExecutionRolePolicy を持つロール) を追加してください。",
  },
  "SEC-AWSLOGS-EXECROLE-FARGATE": {
    summary: "Fargate で awslogs ドライバーを使うには executionRoleArn が必要です。",
    explain: () => "Fargate は awslogs の出力をタスク実行ロールで書き込みます。\"executionRoleArn\" (AmazonECSTaskExecutionRolePolicy を持つロール) を追加してください。",
  },
  "SEC-EXECROLE-EC2-HINT": {
    summary: "EC2 で executionRoleArn がない場合、プルやログの権限はインスタンスロールが持つ必要があります。",
    explain: (p) =>
      `コンテナ '${p.container}' は${{ ecr: "プライベート ECR のイメージ", awslogs: " awslogs", environmentFiles: "環境ファイル" }[p.reason]}を使いますが、タスクに実行ロールがないため、コンテナインスタンスのロールにその権限が必要です。明示的な executionRoleArn をお勧めします。`,
  },
  "SEC-VALUEFROM-FORMAT": {
    summary: "valueFrom は Secrets Manager の ARN、SSM パラメータの ARN、または SSM パラメータ名です。",
    explain: (p) => `"${p.value}" は Secrets Manager のシークレット ARN (arn:aws:secretsmanager:リージョン:アカウント:secret:名前)、SSM パラメータ ARN (arn:aws:ssm:リージョン:アカウント:parameter/名前)、パラメータ名のいずれでもありません。`,
  },
  "SEC-VALUEFROM-CROSS-ACCOUNT": {
    summary: "別アカウントの SSM パラメータ ARN は拒否されます。",
    explain: (p) => `このパラメータはアカウント ${p.arnAccount} のもので、${p.current} ではありません。ECS はタスクと同じアカウントの SSM パラメータしか読めません。アカウントをまたぐ場合は Secrets Manager を使ってください。`,
  },
  "SEC-SECRET-NAME-DUP": {
    summary: "2 つのシークレット、またはシークレットと環境変数が同じ名前です。",
    explain: (p) => `コンテナ '${p.container}' で "${p.name}" が${p.inEnvironment ? "シークレットと環境変数の両方" : " secrets に 2 回"}定義されており、どちらか一方の値しか使われません。1 つを削除してください。`,
  },
  "SEC-ENV-DUP": {
    summary: "1 つのコンテナで同じ環境変数が 2 回定義されています。",
    explain: (p) => `コンテナ '${p.container}' で "${p.name}" が 2 回定義されており、どちらか一方の値しか使われません。1 つを削除してください。`,
  },
  "SEC-ENVFILES-MAX": {
    summary: "環境ファイルはコンテナあたり 10 個までです。",
    explain: (p) => `環境ファイルが ${p.count} 個あります。上限は ${p.max} 個です。いくつかをまとめてください。`,
  },
  "SEC-ENVFILES-VALUE": {
    summary: "environmentFiles[].value は .env で終わる S3 オブジェクトの ARN です。",
    explain: (p) => (p.problem === "arn" ? `"${p.value}" は S3 オブジェクトの ARN ではありません。arn:aws:s3:::バケット/パス/ファイル.env と書いてください。` : `"${p.value}" はドキュメントのとおり .env で終わるファイル名にしてください。`),
  },
  "SEC-ENV-PLAINTEXT-SECRET": {
    summary: "シークレットらしき環境変数が平文で書かれています。",
    explain: (p) => `コンテナ '${p.container}' は "${p.name}" を平文で設定しており、タスク定義を参照できる人なら誰でも読めます。"secrets" (Secrets Manager または SSM パラメータストア) に移してください。`,
  },
  "SEC-ROLES-DISTINCT": {
    summary: "executionRoleArn と taskRoleArn が同じロールです。",
    explain: () => "実行ロール (ECS がイメージのプルやシークレットの読み取りに使う) とタスクロール (アプリケーションが使う) は、それぞれ最小権限の別のロールにしてください。",
  },
  "SEC-S3FILES-TASKROLE": {
    summary: "S3 Files ボリュームには taskRoleArn が必要です。",
    explain: () => "S3 Files ボリュームはタスクロールでマウントされます。ファイルシステムにアクセスできる \"taskRoleArn\" を追加してください。",
  },
  "SEC-EFS-IAM-TASKROLE": {
    summary: "taskRoleArn なしの EFS IAM 認可: マウントに失敗します。",
    explain: () => "EFS の IAM 認可ではタスクロールでマウントしますが、このタスクにはタスクロールがありません。タスクは起動に失敗します (ResourceInitializationError)。\"taskRoleArn\" を追加してください。",
  },
  "HC-INTERVAL-RANGE": { summary: "healthCheck.interval は 5～300 秒です。", explain: healthRange("interval", " 秒") },
  "HC-TIMEOUT-RANGE": { summary: "healthCheck.timeout は 2～60 秒です。", explain: healthRange("timeout", " 秒") },
  "HC-RETRIES-RANGE": { summary: "healthCheck.retries は 1～10 です。", explain: healthRange("retries", "") },
  "HC-STARTPERIOD-RANGE": { summary: "healthCheck.startPeriod は 0～300 秒です。", explain: healthRange("startPeriod", " 秒") },
  "HC-COMMAND-PREFIX": {
    summary: "healthCheck.command は CMD か CMD-SHELL で始めます。",
    explain: (p) =>
      `コンテナ '${p.container}' のヘルスチェックは "${p.first}" で始まっています。最初の要素は "CMD" (直接実行) か "CMD-SHELL" (シェルで実行) にしてください。例: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]。このままではチェックが成功せず、サービスはタスクを異常として置き換え続けます。`,
  },
  "HC-CMDSHELL-ONE-STRING": {
    summary: "CMD-SHELL ではシェルコマンドを 1 つの文字列で渡します。",
    explain: (p) => `コンテナ '${p.container}' は CMD-SHELL の後に ${p.count} 個の文字列を渡しています。シェルが実行するのは最初の文字列だけで、残りはその引数になります。1 つの文字列にまとめてください。`,
  },
  "HC-TIMEOUT-LT-INTERVAL": {
    summary: "ヘルスチェックのタイムアウトが間隔以上です。",
    explain: (p) => `コンテナ '${p.container}' のヘルスチェックのタイムアウト (${p.timeout} 秒) が間隔 (${p.interval} 秒) より短くないため、チェックが重なります。タイムアウトを短くしてください。`,
  },
  "HC-MISSING": {
    summary: "ヘルスチェックのない必須コンテナです。",
    explain: (p) => `必須コンテナ '${p.container}' には healthCheck がないため、ECS は動いているかどうかしか分からず、正常に機能しているかは分かりません。追加してください (HEALTHY の依存関係にも必要です)。`,
  },
  "DEP-UNKNOWN-CONTAINER": {
    summary: "dependsOn は同じタスクのコンテナを名前で指定します。",
    explain: (p) => `このタスク定義に '${p.name}' という名前のコンテナはありません。綴りを確認してください。dependsOn はコンテナを名前で参照します。`,
  },
  "DEP-COMPLETE-ON-ESSENTIAL": {
    summary: "COMPLETE または SUCCESS の依存先は必須でないコンテナにします。",
    explain: (p) => `'${p.target}' は終了することが前提 (${p.condition}) ですが必須コンテナです (essential を省略すると true)。必須コンテナが終了するとタスクが停止します。'${p.target}' に "essential": false を設定してください。`,
  },
  "DEP-HEALTHY-NEEDS-HC": {
    summary: "HEALTHY の依存先には healthCheck が必要です。",
    explain: (p) => `'${p.target}' には healthCheck がないため HEALTHY になりません。'${p.target}' に healthCheck を追加するか、条件を START にしてください。`,
  },
  "DEP-CYCLE": {
    summary: "dependsOn が循環しており、関係するコンテナはどれも起動できません。",
    explain: (p) => `これらのコンテナは互いを待っています: ${p.cycle}。どれも起動できません。依存関係を 1 つ削除してください。`,
  },
  "DEP-DUP": {
    summary: "1 つの dependsOn に同じコンテナが 2 回あります。",
    explain: (p) => `コンテナ '${p.container}' は '${p.target}' に 2 回依存しています。1 つにしてください。`,
  },
  "DEP-STARTTIMEOUT": {
    summary: "startTimeout は Fargate では 2～120 で、HEALTHY の依存先がチェックに合格できる長さが必要です。",
    explain: (p) =>
      p.problem === "range"
        ? `コンテナ '${p.container}' の startTimeout ${p.value} は Fargate の 2～120 秒の範囲外です。`
        : `'${p.container}' が HEALTHY になるまで最大 ${p.needed} 秒 (startPeriod + interval × retries) かかる可能性があり、startTimeout の ${p.value} 秒より長いです。その場合、依存するコンテナは待つのをやめ、タスクは停止します。`,
  },
  "DEP-LINK-ORDER": {
    summary: "dependsOn が links や volumesFrom による起動順と矛盾しています。",
    explain: (p) => `'${p.target}' は links か volumesFrom によりすでに '${p.container}' の後に起動するため、'${p.container}' が '${p.target}' を待つ条件は満たされません。どちらかを削除してください。`,
  },
  "LP-CAP-VALUES": {
    summary: "ケーパビリティはドキュメントの一覧にある大文字の名前で、CAP_ は付けません。",
    explain: (p) => `"${p.value}" は ECS が知っているケーパビリティではありません。` + (p.suggestion ? ` "${p.suggestion}" と書いてください。` : "") + " 未知のケーパビリティがあるとコンテナは起動に失敗します。",
  },
  "LP-CAP-ADD-FARGATE": {
    summary: "Fargate の capabilities.add に指定できるのは SYS_PTRACE だけです。",
    explain: (p) => `Fargate のタスクは ${p.capability} を追加できません。使えるのは SYS_PTRACE だけです。削除してください。`,
  },
  "LP-CAP-PRIVILEGED-NOOP": {
    summary: "privileged: true のときの capabilities は無視されます。",
    explain: (p) => `コンテナ '${p.container}' は特権モードのため、すでにすべてのケーパビリティを持ち、add/drop は無視されます。privileged を false にし、必要最小限を add するのが望ましいです。`,
  },
  "LP-SWAPPINESS-RANGE": {
    summary: "swappiness は 0～100 で、maxSwap と一緒のときだけ効果があります。",
    explain: (p) => (p.problem === "range" ? `swappiness ${p.value} は 0～100 の範囲外です。` : `コンテナ '${p.container}' では maxSwap がないため swappiness は効果がありません。maxSwap を追加するか swappiness を削除してください。`),
  },
  "LP-MAXSWAP-MIN": {
    summary: "maxSwap は 0 以上です。",
    explain: (p) => `maxSwap ${p.value} が負の値です。0 (スワップなし) か MiB 単位のサイズにしてください。`,
  },
  "LP-TMPFS-OPTIONS": {
    summary: "tmpfs には正のサイズとドキュメントにあるマウントオプションが必要です。",
    explain: (p) => (p.problem === "size" ? `tmpfs のサイズ ${p.value} は正の MiB 数にしてください。` : `"${p.value}" は Docker が知っている tmpfs のマウントオプションではなく、コンテナは起動に失敗します。`),
  },
  "LP-DEVICE-PERMS": {
    summary: "デバイスの権限は read、write、mknod をそれぞれ 1 回ずつです。",
    explain: (p) => (p.duplicate ? `"${p.value}" が 2 回あります。` : `"${p.value}" はデバイスの権限ではありません。read、write、mknod を使ってください。`),
  },
  "UL-SOFT-LE-HARD": {
    summary: "ulimit の softLimit は hardLimit を超えられません。",
    explain: (p) => `ulimit ${p.name} のソフトリミット ${p.soft} がハードリミット ${p.hard} を超えています。softLimit を下げるか hardLimit を上げてください。`,
  },
  "UL-DUP-NAME": {
    summary: "同じ名前の ulimit が 2 回あります。",
    explain: (p) => `コンテナ '${p.container}' は ulimit ${p.name} を 2 回指定しています。1 つにしてください。`,
  },
  "SYSCTL-NAMESPACE": {
    summary: "systemControls は名前空間付きの sysctl (IPC か net.*) で、タスクのモードと両立する必要があります。",
    explain: (p) =>
      ({
        namespace: `"${p.namespace}" は名前空間付きの sysctl ではありません。コンテナごとに設定できるのは IPC の sysctl (kernel.msg*、kernel.sem、kernel.shm*、fs.mqueue.*) と net.* だけです。`,
        hostNetwork: "networkMode が host のときは net.* の sysctl を設定できません。インスタンスの設定が変わってしまいます。",
        hostIpc: "ipcMode が host のときは IPC の sysctl を設定できません。インスタンスの設定が変わってしまいます。",
      })[p.problem],
  },
  "RESTART-PERIOD-RANGE": {
    summary: "restartPolicy.restartAttemptPeriod は 60～1800 秒です。",
    explain: (p) => `コンテナ '${p.container}' の restartAttemptPeriod ${p.value} は 60～1800 秒の範囲外です。`,
  },
  "RESTART-EXITCODES-MAX": {
    summary: "restartPolicy.ignoredExitCodes は 50 個までです。",
    explain: (p) => `無視する終了コードが ${p.count} 個あります。上限は ${p.max} 個です。`,
  },
  "CD-USER-FORMAT": {
    summary: "user は user、user:group、uid、uid:gid の形式です。",
    explain: (p) => `"${p.value}" はコンテナ '${p.container}' のユーザーとして正しくありません。名前か UID を、必要なら :グループ や :GID を付けて書いてください (例: "1000:1000")。`,
  },
  "CD-DOCKERSECOPT-FORMAT": {
    summary: "dockerSecurityOptions は no-new-privileges、apparmor:…、label:…、credentialspec:… の形式です。",
    explain: (p) => `"${p.value}" は ECS が受け付ける Docker のセキュリティオプションではありません。no-new-privileges、apparmor:プロファイル、label:値、credentialspec:ARN を使ってください。`,
  },
  "CD-CREDENTIALSPECS": {
    summary: "credentialSpecs: 1 つまで、credentialspec: か credentialspecdomainless: に SSM または S3 の ARN を続けます。",
    explain: (p) => (p.problem === "count" ? "コンテナに指定できる資格情報スペックは 1 つまでです。" : `"${p.value}" は credentialspec:ARN か credentialspecdomainless:ARN の形式 (SSM パラメータまたは S3 オブジェクトの ARN) にしてください。`),
  },
  "CD-GPU-VALUE": {
    summary: "GPU のリソース要件は正の整数 (文字列) です。",
    explain: (p) => `"${p.value}" はコンテナ '${p.container}' の GPU 数として正しくありません。"1" のように正の整数を文字列で書いてください。`,
  },
  "CD-INTERACTIVE-TTY": {
    summary: "サービスのコンテナでの interactive や pseudoTerminal は効果がありません。",
    explain: (p) => `コンテナ '${p.container}' の ${p.member} は、たいてい docker run -it を写したものです。サービスのコンテナには何も接続しません。削除してください。`,
  },
  "VOL-NAME-FORMAT": {
    summary: "ボリューム名: 英数字、- と _ (1～255 文字)。EFS、S3 Files、configuredAtLaunch のボリュームでは必須です。",
    explain: (p) => (p.problem === "required" ? "このボリュームには \"name\" が必要です。mountPoints は名前でボリュームを参照します。" : `ボリューム名 "${p.name}" に使えるのは英数字、- と _ だけです。`),
  },
  "VOL-NAME-UNIQUE": {
    summary: "ボリューム名はタスク定義内で一意です。",
    explain: (p) => `"${p.name}" という名前のボリュームが 2 つあり、マウントポイントから区別できません。どちらかの名前を変えてください。`,
  },
  "VOL-ONE-TYPE": {
    summary: "1 つのボリュームに指定できるボリュームタイプは 1 つです。",
    explain: (p) => `ボリューム "${p.name}" に ${p.types} が指定されています。ボリュームごとにタイプを 1 つにしてください。`,
  },
  "VOL-CONFIGURED-AT-LAUNCH-MAX1": {
    summary: "configuredAtLaunch のボリュームは 1 つまでです。",
    explain: (p) => `configuredAtLaunch のボリュームが ${p.count} 個あります。1 つだけにしてください。`,
  },
  "VOL-UNREFERENCED": {
    summary: "どのボリュームも少なくとも 1 つのコンテナがマウントする必要があります。",
    explain: (p) => `${p.names} をマウントしているコンテナがありません。この sourceVolume を使う mountPoints を追加するか、ボリュームを削除してください。`,
  },
  "MP-UNKNOWN-VOLUME": {
    summary: "mountPoints[].sourceVolume はタスクのボリューム名を指します。",
    explain: (p) => `'${p.name}' という名前のボリュームはありません。"volumes" で宣言するか、名前を直してください。`,
  },
  "MP-CONTAINERPATH": {
    summary: "mountPoints には絶対パスの containerPath が必要で、コンテナ内で重複できません。",
    explain: (p) =>
      ({
        missing: "このマウントポイントには containerPath がありません。コンテナ内のどこにボリュームを出すか指定してください。",
        relative: `"${p.value}" は絶対パスではありません。/ で始めてください。Docker はマウントを拒否し、コンテナは起動に失敗します。`,
        duplicate: `コンテナ '${p.container}' は "${p.value}" を 2 回マウントしており、起動に失敗します (マウントポイントの重複)。`,
      })[p.problem],
  },
  "VF-UNKNOWN-CONTAINER": {
    summary: "volumesFrom はタスク内の別のコンテナを指します。",
    explain: (p) => `'${p.name}' はこのタスク定義の別のコンテナではありません。`,
  },
  "VOL-DOCKER-AUTOPROVISION": {
    summary: "autoprovision は scope が shared のときだけ意味があります。",
    explain: (p) => `ボリューム "${p.name}": autoprovision は共有 Docker ボリュームにのみ適用されます。scope を "shared" にするか autoprovision を削除してください。`,
  },
  "VOL-EFS-IAM-TLS": {
    summary: "EFS の IAM 認可には transitEncryption ENABLED が必要です。",
    explain: (p) => `ボリューム "${p.name}" は EFS の IAM 認可を使っています。"transitEncryption": "ENABLED" を設定してください。`,
  },
  "VOL-EFS-AP-TLS": {
    summary: "EFS アクセスポイントには transitEncryption ENABLED が必要です。",
    explain: (p) => `ボリューム "${p.name}" はアクセスポイントを使っています。"transitEncryption": "ENABLED" を設定してください。`,
  },
  "VOL-EFS-AP-ROOTDIR": {
    summary: "EFS アクセスポイントを使うとき、rootDirectory は省略するか / にします。",
    explain: (p) => `ボリューム "${p.name}" のアクセスポイントがディレクトリを決めます。rootDirectory ("${p.value}") を削除するか "/" にしてください。`,
  },
  "VOL-EFS-PORT-TLS": {
    summary: "transitEncryptionPort は transitEncryption ENABLED のときだけ指定できます。",
    explain: (p) => `ボリューム "${p.name}" は転送中の暗号化なしで transitEncryptionPort を指定しています。transitEncryption を有効にするか、ポートを削除してください。`,
  },
  "VOL-EFS-FSID-FORMAT": {
    summary: "fileSystemId は fs-12345678 のような形式です。",
    explain: (p) => `"${p.value}" は EFS ファイルシステム ID (fs- に 16 進数 8 文字または 17 文字) ではなく、マウントに失敗します。`,
  },
  "VOL-FSX-WINDOWS-ONLY": {
    summary: "FSx for Windows File Server のボリュームは Windows のタスク定義でのみ使えます。",
    explain: () => "FSx for Windows File Server のボリュームは Windows コンテナでのみ動作します。このタスク定義は Linux です。",
  },
  "VOL-READONLY-ROOT-NEEDS-SCRATCH": {
    summary: "読み取り専用のルートファイルシステムで、書き込み可能なマウントがありません。",
    explain: (p) => `コンテナ '${p.container}' はルートファイルシステムが読み取り専用で、書き込み可能なボリュームがありません。多くのプログラムは書き込み先 (/tmp) を必要とします。そこに書き込み可能なボリュームをマウントしてください。`,
  },
  "FG-PLACEMENT-CONSTRAINTS": { summary: "Fargate のタスク定義には配置制約を指定できません。", explain: () => "Fargate ではタスクの実行場所を Fargate が決めるため、placementConstraints は使えません。削除してください。" },
  "FG-PRIVILEGED": {
    summary: "Fargate は特権コンテナを実行しません。",
    explain: (p) => `コンテナ '${p.container}' は特権モードですが、Fargate では使えません。privileged を false にする (または削除する) してください。`,
  },
  "FG-PIDMODE": { summary: "Fargate の pidMode は task だけです。", explain: () => "Fargate のタスクはホストのプロセス名前空間を共有できません。\"pidMode\": \"task\" にするか削除してください。" },
  "FG-IPCMODE": { summary: "Fargate は ipcMode に対応していません。", explain: () => "ipcMode を削除してください。Fargate のタスクでは指定できません。" },
  "FG-DOCKER-VOLUME": { summary: "Fargate は Docker ボリューム (dockerVolumeConfiguration) に対応していません。", explain: () => "dockerVolumeConfiguration の代わりに、バインドマウント (名前だけのボリューム)、EFS、エフェメラルストレージを使ってください。" },
  "FG-HOST-SOURCEPATH": { summary: "Fargate は host.sourcePath に対応していません。", explain: () => "Fargate のタスクにはマウントできるホストのディレクトリがありません。sourcePath を削除する (空の host や名前だけのボリュームはバインドマウントです) か、EFS を使ってください。" },
  "FG-DEVICES": { summary: "Fargate は linuxParameters.devices に対応していません。", explain: () => "Fargate はコンテナにホストのデバイスを渡しません。devices を削除してください。" },
  "FG-SHM": { summary: "Fargate は linuxParameters.sharedMemorySize に対応していません。", explain: () => "sharedMemorySize を削除してください。Fargate では /dev/shm のサイズを指定できません。" },
  "FG-MAXSWAP": { summary: "Fargate は maxSwap と swappiness に対応していません。", explain: (p) => `Fargate のタスクにはスワップがありません。${p.member} を削除してください。` },
  "FG-TMPFS": { summary: "Fargate は tmpfs マウントに対応していません。", explain: () => "tmpfs を削除してください。Fargate の作業領域にはバインドマウント (名前だけのボリューム) を使います。" },
  "FG-DOCKERSECOPTS": { summary: "Fargate は dockerSecurityOptions に対応していません。", explain: () => "dockerSecurityOptions を削除してください。Fargate はコンテナのセキュリティを自身で管理します。" },
  "FG-GPU": { summary: "Fargate は GPU のリソース要件に対応していません。", explain: () => "Fargate には GPU がありません。GPU インスタンスで EC2 起動タイプを使ってください。" },
  "FG-STOPTIMEOUT": {
    summary: "Fargate の stopTimeout は 2～120 秒です。",
    explain: (p) => `コンテナ '${p.container}' の stopTimeout ${p.value} は Fargate の 2～120 秒の範囲外です。`,
  },
  "FG-WINDOWS-SIZE": {
    summary: "Fargate の Windows: 1、2、4 vCPU のみ、X86_64 のみ。",
    explain: (p) => (p.problem === "arch" ? "Fargate の Windows は X86_64 でのみ動きます。" : `Fargate の Windows では cpu は 1024、2048、4096 (1、2、4 vCPU) のいずれかです。${p.cpu} は提供されていません。`),
  },
  "WIN-UNSUPPORTED": {
    summary: "Windows コンテナが対応していない設定です。",
    explain: (p) => `Windows コンテナは ${p.member} に対応していません${p.container ? ` (コンテナ '${p.container}')` : ""}。削除してください。`,
  },
  "WIN-NETWORKMODE-EC2": {
    summary: "EC2 の Windows で使えるネットワークモードは既定 (NAT) か awsvpc だけです。",
    explain: (p) => `Windows のコンテナインスタンスは networkMode ${p.value} を実行できません。networkMode を省略する (NAT) か awsvpc にしてください。このままではタスクは起動しません。`,
  },
  "WIN-TASK-SIZE-IGNORED": {
    summary: "EC2 の Windows ではタスクレベルの cpu と memory は無視されます。",
    explain: (p) => `EC2 の Windows コンテナではタスクレベルの ${p.member} は無視されます。各コンテナに ${p.member} を指定してください。`,
  },
  "BP-PRIVILEGED": {
    summary: "特権コンテナです (Security Hub ECS.4)。",
    explain: (p) => `コンテナ '${p.container}' は特権モードで、ホストへの完全なアクセス権を持ちます。privileged をやめ、必要なケーパビリティだけを追加してください。`,
  },
  "BP-READONLY-ROOT": {
    summary: "ルートファイルシステムが書き込み可能です (Security Hub ECS.5)。",
    explain: (p) => `コンテナ '${p.container}' は readonlyRootFilesystem を${p.explicit ? " false にしています" : "指定していません"}。true にして、アプリが書き込む場所には書き込み可能なボリュームをマウントしてください。`,
  },
  "BP-HOST-PID": { summary: "タスクがホストのプロセス名前空間を共有しています (Security Hub ECS.3)。", explain: () => "pidMode host では、コンテナからインスタンス上のすべてのプロセスが見え、シグナルも送れます。\"task\" にするか省略してください。" },
  "BP-HOST-IPC": { summary: "タスクがホストの IPC 名前空間を共有しています。", explain: () => "ipcMode host ではインスタンスの共有メモリがコンテナに公開されます。\"task\" か \"none\" にしてください。" },
  "BP-HOST-NETWORK": { summary: "host ネットワークモードです (Security Hub ECS.17)。", explain: () => "networkMode host ではコンテナが分離なしにインスタンスのネットワークに置かれます。awsvpc をお勧めします。" },
  "BP-NOT-AWSVPC": {
    summary: "awsvpc ではないため、タスクごとのセキュリティグループがありません。",
    explain: (p) => `networkMode ${p.networkMode} ではタスクがインスタンスのセキュリティグループを共有します。awsvpc ならタスクごとにネットワークインターフェイスとセキュリティグループを持てます。`,
  },
  "BP-HOST-NETWORK-ROOT": {
    summary: "host ネットワークモードで root として動くコンテナがあります。",
    explain: (p) => `コンテナ '${p.container}' はホストのネットワーク上で root として動いています。root 以外の "user" を設定してください。`,
  },
  "BP-NONROOT-LINUX": {
    summary: "root として動く Linux コンテナです (Security Hub ECS.20)。",
    explain: (p) => `コンテナ '${p.container}' は root として動きます${p.user ? ` ("${p.user}")` : " (user 未指定)"}。"user" に root 以外の UID (例: "1000") を設定してください。`,
  },
  "BP-NONADMIN-WINDOWS": {
    summary: "管理者として動く Windows コンテナです (Security Hub ECS.21)。",
    explain: (p) => `コンテナ '${p.container}' は ContainerAdministrator として動きます。"user" を ContainerUser にしてください (API リファレンスには Windows では user 非対応とありますが、Security Hub は設定を求めます)。`,
  },
  "BP-EFS-TLS": {
    summary: "転送中の暗号化のない EFS ボリュームです (Security Hub ECS.18)。",
    explain: (p) => `EFS ボリューム "${p.volume}" はデータを暗号化せずに送ります。"transitEncryption": "ENABLED" を設定してください。`,
  },
  "BP-MEMORY-HARD-LIMIT": {
    summary: "メモリのハードリミットがないコンテナです。",
    explain: (p) => `コンテナ '${p.container}' には "memory" の上限がないため、タスクのメモリを使い切ってほかのコンテナを圧迫するおそれがあります。`,
  },
  "BP-TAGS": { summary: "タグがありません (Security Hub ECS.13/ECS.15)。", explain: () => "コストやリソースの持ち主が分かるよう、タグ (owner、environment など) を付けてください。" },
  "BP-IMAGE-PINNING": {
    summary: "タグなし、または latest のイメージです。",
    explain: (p) => `コンテナ '${p.container}' は${p.tag === "" ? "タグなし (latest と同じ)" : " latest タグ"}のイメージを使っており、デプロイのたびに違うコードが動く可能性があります。バージョンタグか @sha256: ダイジェストを使ってください。`,
  },
  "BP-CAPS-ADD-DANGEROUS": {
    summary: "強力な Linux ケーパビリティを追加しています。",
    explain: (p) => `コンテナ '${p.container}' は ${p.capability} を追加しており、ホストやほかのコンテナを広く操作できます。ALL を drop し、アプリに必要なものだけを add してください。`,
  },
  "BP-NO-NEW-PRIVS": {
    summary: "EC2 の Linux で no-new-privileges が設定されていません。",
    explain: (p) => `コンテナ '${p.container}' に "dockerSecurityOptions": ["no-new-privileges"] を追加し、setuid バイナリによる権限昇格を防いでください。`,
  },
  "BP-SECRETS-IN-COMMAND": {
    summary: "command、entryPoint、dockerLabels、environment に認証情報らしき値があります。",
    explain: (p) => `コンテナ '${p.container}' の ${p.member} に認証情報らしき値があり、タスク定義を参照できる人なら誰でも読めます。代わりに "secrets" を使ってください。`,
  },
  "BP-APPMESH-EOL": { summary: "App Mesh のプロキシ設定: App Mesh のサポートは 2026-09-30 に終了します。", explain: () => "AWS App Mesh は 2026-09-30 にサポートが終了します。ECS Service Connect への移行を計画してください。" },
  "BL-COMMAND-ONE-STRING": {
    summary: "コマンドライン全体を配列の 1 要素に入れると、1 つのプログラム名として実行されます。",
    explain: (p) =>
      `コンテナ '${p.container}' の ${p.member} は空白を含む 1 つの文字列です。イメージのエントリポイントがシェルでない限り、Docker は "${p.binary} …" という名前のプログラムを探し、コンテナは失敗します。単語を別々の要素に分けるか、["sh", "-c", "…"] を使ってください。`,
  },
  "BL-WORKDIR-RELATIVE": { summary: "workingDirectory は絶対パスにします。", explain: (p) => `"${p.value}" は相対パスです。/app のような絶対パスにしてください。` },
  "BL-ENV-NAME": {
    summary: "環境変数名は英数字と _ で、数字で始めないのが望ましいです。",
    explain: (p) => `"${p.name}" は移植性のある環境変数名ではなく、シェルや多くのプログラムから読めません。`,
  },
  "BL-LABEL-RESERVED": { summary: "com.amazonaws.ecs. で始まる Docker ラベルは ECS が設定します。", explain: (p) => `${p.label} は ECS 自身が設定するため、指定した値は上書きされます。独自のプレフィックスを使ってください。` },
  "BL-REGION-MISMATCH": {
    summary: "ECR イメージやシークレットがタスクのログと別のリージョンにあります。",
    explain: (p) =>
      `この${p.what === "image" ? "イメージ" : "シークレット"}は ${p.region} にあり、タスクのログは ${p.taskRegion} です。${p.what === "image" ? "リージョンをまたぐプルは動作しますが、遅くなりデータ転送料金がかかります。" : "実行ロールがそのリージョンで読み取れることを確認してください。"}`,
  },
} satisfies Partial<Rules>;
