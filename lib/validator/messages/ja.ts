import { jaRules } from "./ja-rules";
import { jaService } from "./ja-service";
import type { Catalog, ExpectedType, JsonTypeName, SyntaxProblem } from "./params";

const TYPE_NAMES: Record<JsonTypeName | ExpectedType, string> = {
  string: "文字列",
  integer: "整数",
  float: "小数",
  number: "数値",
  boolean: "ブール値 (true または false)",
  object: "オブジェクト",
  array: "リスト (配列)",
  null: "null",
  timestamp: "タイムスタンプ (1970 年からの秒数)",
};

/** 短いリストは「512、1024、2048」、Fargate の長い行は「2048～8192 (1024 刻み)」。 */
function listMiB(values: readonly number[]): string {
  if (values.length <= 4) return values.join("、");
  return `${values[0]}～${values[values.length - 1]} (${values[1] - values[0]} 刻み)`;
}

const SYNTAX: Record<SyntaxProblem, (token: string) => string> = {
  empty: () => "ドキュメントが空です。タスク定義は JSON オブジェクトです。{ で始めて } で終えてください。",
  trailingComma: () =>
    "末尾のカンマ: JSON では } や ] の直前にカンマを置けません。削除してください (AWS CLI はこのファイルを拒否します)。",
  comment: () => "JSON ではコメントを使用できません。コメントを削除してください (AWS CLI はこのファイルを拒否します)。",
  singleQuote: () => "JSON の文字列とキーはシングルクォート (') ではなくダブルクォート (\") で囲みます。",
  invalidSymbol: (token) =>
    `${token ? `\`${token}\` は` : "この文字は"} JSON として解釈できません。JSON の値はダブルクォートで囲んだ文字列、数値、true、false、null、オブジェクト、リストのいずれかで、キーはダブルクォートで囲んだ文字列です。`,
  invalidNumber: (token) => `\`${token}\` は JSON の数値として正しくありません。`,
  propertyNameExpected: () => "ここにはダブルクォートで囲んだキー (例: \"family\") が必要です。",
  valueExpected: () => "ここには値が必要です。",
  colonExpected: () => "キーと値の間にコロン (:) が必要です。",
  commaExpected: () => "メンバー同士、またはリストの要素同士の間にカンマ (,) が必要です。",
  closeBraceExpected: () => "オブジェクトが閉じていません。} が不足しています。",
  closeBracketExpected: () => "リストが閉じていません。] が不足しています。",
  endOfFileExpected: () => "JSON ドキュメントの終わりの後に余分なテキストがあります。オブジェクトは 1 つだけ指定できます。",
  unterminatedString: () => "文字列が閉じていません。ダブルクォート (\") が不足しています。",
  unterminatedComment: () => "コメントが閉じていません (そもそも JSON ではコメントを使用できません)。",
  invalidUnicode: () => "Unicode エスケープが正しくありません。\\u の後には 16 進数 4 桁が必要です。",
  invalidEscape: (token) =>
    `${token ? `\`${token}\` に` : "この文字列に"}無効なエスケープシーケンスがあります。JSON で使えるのは \\" \\\\ \\/ \\b \\f \\n \\r \\t と \\uXXXX だけです。`,
  controlCharacter: () => "JSON の文字列の中では、タブや改行などの制御文字をエスケープ (\\t、\\n) する必要があります。",
};

export const ja: Catalog = {
  rules: {
    ...jaRules,
    ...jaService,
    "JSON-SYNTAX": {
      summary: "厳密な JSON ではありません (AWS CLI はコメント、末尾のカンマ、シングルクォートを受け付けません)。",
      explain: (p) => SYNTAX[p.problem](p.token),
    },
    "JSON-LIMITS": {
      summary: "ドキュメントが大きすぎるか、入れ子が深すぎるため検査できません。",
      explain: (p) =>
        p.limit === "size"
          ? `このドキュメントは ${p.max} 文字を超えているため検査しませんでした。タスク定義の上限は 64 KiB です。`
          : `このドキュメントは入れ子が ${p.max} 階層を超えているため検査しませんでした。これほど深い ECS の入力はありません。`,
    },
    "JSON-DUPLICATE-KEY": {
      summary: "1 つのオブジェクトに同じキーが 2 回あります。AWS CLI は警告なしに最後のものだけを使います。",
      explain: (p) => `"${p.key}" がこのオブジェクトの後ろでもう一度指定されています。AWS CLI は最後のものだけを使うため、この値は無視されます。どちらかを削除してください。`,
    },
    "CLI-UNKNOWN-KEY": {
      summary: "その位置の API の型に存在しないキーです。",
      explain: (p) =>
        p.suggestion
          ? `"${p.key}" はここで使えるパラメータではありません。"${p.suggestion}" の誤りではありませんか?`
          : p.belongsIn !== undefined
            ? `"${p.key}" はここで使えるパラメータではありません。${p.belongsIn === "" ? "タスク定義のトップレベル" : p.belongsIn} に移動してください。`
            : `"${p.key}" はここで使えるパラメータではありません。AWS CLI は入力全体を拒否します。キーを削除するか、正しい位置に移動してください。`,
    },
    "CLI-PASCALCASE": {
      summary: "API のキャメルケースではなく、CloudFormation のパスカルケースで書かれたキーです。",
      explain: (p) =>
        `キーは大文字と小文字が区別されます。"${p.key}" ではなく "${p.expected}" と書いてください。` +
        (p.cloudFormation ? "CloudFormation テンプレートはパスカルケース、ECS API と AWS CLI はキャメルケースを使います。" : ""),
    },
    "CLI-REQUIRED": {
      summary: "API で必須のメンバーがありません。",
      explain: (p) =>
        p.where === "input"
          ? `"${p.member}" を追加してください。リクエストのトップレベルで必須です。`
          : `"${p.member}" を追加してください。${p.where} では必須です。`,
    },
    "CLI-TYPE-TASK-CPU-MEM": {
      summary: "タスクレベルの cpu/memory は JSON 文字列、コンテナレベルの cpu/memory/memoryReservation は整数で指定します。",
      explain: (p) =>
        p.taskLevel
          ? `タスクレベルの "${p.member}" はダブルクォートで囲んだ文字列で指定します (例: "${p.member}": "${p.pyValue}")。コンテナレベルの値はクォートなしの整数です。`
          : `コンテナレベルの "${p.member}" はクォートなしの整数で指定します (例: "${p.member}": ${/^\d+$/.test(p.pyValue) ? p.pyValue : 512})。クォートで囲むのはタスクレベルの cpu と memory です。`,
    },
    "CLI-TYPE": {
      summary: "値の JSON の型が違います (例: ブール値の位置にクォート付きの \"true\")。",
      explain: (p) =>
        `"${p.member}" は${TYPE_NAMES[p.expected]}で指定しますが、ここでは${TYPE_NAMES[p.actual]}になっています。` +
        (p.expected === "boolean" && p.actual === "string" ? "true または false をクォートなしで書いてください。" : "") +
        (p.expected === "integer" && p.actual === "string" ? "数値をクォートなしで書いてください。" : ""),
    },
    "CLI-NULL": {
      summary: "null が設定されたメンバーです (AWS CLI は null を受け付けません。メンバーごと省略してください)。",
      explain: (p) =>
        `"${p.member}" が null です。AWS CLI は null を受け付けないため、デフォルト値を使うにはメンバーを削除してください (コンソールの JSON 表示には null が含まれますが、そのままでは登録できません)。`,
    },
    "CLI-STRLEN": {
      summary: "文字列が API で許可される長さより短すぎます。",
      explain: (p) => `この値は ${p.min} 文字以上にしてください。`,
    },
    "TD-FAMILY-FORMAT": {
      summary: "family には英字、数字、ハイフン、アンダースコアのみ使用できます (1～255 文字)。",
      explain: (p) =>
        p.family === ""
          ? "ファミリー名が空です。英字、数字、ハイフン (-)、アンダースコア (_) で 1～255 文字にしてください。"
          : `ファミリー名に使えるのは英字、数字、ハイフン (-)、アンダースコア (_) だけです。${p.invalid} を削除するか置き換えてください。`,
    },
    "TD-CONTAINERS-NONEMPTY": {
      summary: "containerDefinitions には少なくとも 1 つのコンテナが必要です。",
      explain: () => "タスク定義の containerDefinitions には、少なくとも 1 つのコンテナ定義が必要です。",
    },
    "TD-CONTAINERS-MAX": {
      summary: "1 つのタスク定義に含められるコンテナは 10 個までです。",
      explain: (p) =>
        `このタスク定義には ${p.count} 個のコンテナがあります。上限は ${p.max} 個で、引き上げはできません。コンテナを複数のタスク定義 (サービス) に分けてください。`,
    },
    "CD-NAME-REQUIRED": {
      summary: "すべてのコンテナ定義に空でない name が必要です。",
      explain: (p) =>
        `${p.index + 1} 番目のコンテナ定義に name がありません。タスク定義内で一意の "name" を指定してください。`,
    },
    "CD-IMAGE-REQUIRED": {
      summary: "すべてのコンテナ定義に空でない image が必要です。",
      explain: (p) =>
        `コンテナ '${p.container}' に image がありません。実行するイメージを "image" に指定してください (例: "public.ecr.aws/nginx/nginx:1.27")。`,
    },
    "TD-NAME-UNIQUE": {
      summary: "コンテナ名はタスク定義内で一意である必要があります。",
      explain: (p) =>
        `'${p.name}' という名前のコンテナが 2 つあります。どちらかの名前を変更してください。コンテナ名は links、dependsOn、ロードバランサーでコンテナを識別するために使われます。`,
    },
    "TD-MEM-REQUIRED": {
      summary: "タスクレベルの memory がない場合、すべてのコンテナに memory または memoryReservation が必要です。",
      explain: (p) =>
        `タスクレベルの "memory" がないため、コンテナ '${p.container}' で必要なメモリを指定する必要があります。"memoryReservation" (ソフト制限) または "memory" (ハード制限) を MiB 単位で追加するか、タスクレベルの memory を設定してください。`,
    },
    "FG-CPU-MEM-REQUIRED": {
      summary: "Fargate のタスク定義にはタスクレベルの cpu と memory が必要です。",
      explain: (p) =>
        `Fargate はタスクレベルの "cpu" と "memory" でタスクサイズを決めます。トップレベルに "${p.member}": "${p.suggestion}" (文字列) を追加してください。`,
    },
    "TD-CPU-FORMAT": {
      summary: "タスクの cpu は CPU ユニット (\"1024\") または vCPU (\"1 vCPU\") で指定します。Fargate では 256、512、1024、2048、4096、8192、16384 のいずれかです。",
      explain: (p) =>
        p.units === undefined
          ? `"${p.value}" は CPU の値として解釈できません。CPU ユニットを文字列 ("1024" = 1 vCPU) で書くか、vCPU ("1 vCPU") で書いてください。`
          : p.fargate
            ? `${p.units} CPU ユニットは Fargate のタスクサイズにありません。Fargate で使える値は ${p.validCpu.join("、")} です (1024 ユニット = 1 vCPU)。`
            : `${p.units} CPU ユニットは許可される範囲 ${p.minUnits}～${p.maxUnits} の外です。`,
    },
    "TD-MEMORY-FORMAT": {
      summary: "タスクの memory は MiB (\"2048\") または GB (\"2 GB\") で指定します。",
      explain: (p) => `"${p.value}" はメモリの値として解釈できません。MiB を文字列 ("2048") で書くか、GB ("2 GB") で書いてください。`,
    },
    "FG-CPU-MEM-COMBO": {
      summary: "タスクの cpu と memory の組み合わせは Fargate のタスクサイズのいずれかである必要があります。",
      explain: (p) =>
        `${p.cpu} CPU ユニットの場合、Fargate で使える memory は ${listMiB(p.validMemory)} MiB で、最も近い有効な値は ${p.nearestMemory} です。` +
        (p.cpuForMemory ? `${p.memory} MiB が現れるのは ${p.cpuForMemory} CPU の行からです。` : "") +
        "表にある組み合わせなら AWS はどれでも受け付けます。タスクのサイズは必要な量から決め、それをまかなえる最小の有効な組み合わせを選びます (CPU をまかなえる最初の CPU の行を選び、その行でメモリをまかなえる最初の値を選びます)。",
    },
    "FG-NETWORKMODE": {
      summary: "Fargate のタスク定義ではネットワークモードを awsvpc にする必要があります。",
      explain: (p) =>
        p.networkMode === undefined
          ? `"networkMode": "awsvpc" を追加してください。Fargate ではタスクごとに専用のネットワークインターフェイスが割り当てられます。networkMode を省略するとデフォルトの bridge になりますが、Fargate は bridge をサポートしていません。`
          : `Fargate ではタスクごとに専用のネットワークインターフェイスが割り当てられるため、ネットワークモードは "${p.networkMode}" ではなく "awsvpc" にする必要があります。`,
    },
    "TD-SUM-CPU": {
      summary: "コンテナの cpu の合計はタスクの cpu を超えられません。",
      explain: (p) =>
        `コンテナの cpu の合計は ${p.sum} CPU ユニットですが、タスクの cpu は ${p.taskCpu} です。コンテナの値を下げるか、タスクの cpu を上げてください。`,
    },
    "TD-SUM-MEMRES": {
      summary: "コンテナの memoryReservation の合計はタスクの memory を超えられません。",
      explain: (p) =>
        `コンテナの memoryReservation の合計は ${p.sum} MiB ですが、タスクの memory は ${p.taskMemory} MiB です。予約を減らすか、タスクの memory を増やしてください。`,
    },
    "TD-CONTAINER-MEM-GT-TASK": {
      summary: "コンテナの memory (ハード制限) はタスクの memory を超えられません。",
      explain: (p) =>
        `コンテナ '${p.container}' のハード制限 ${p.containerMemory} MiB が、タスクの memory ${p.taskMemory} MiB を超えています。${p.taskMemory} 以下に下げるか、タスクの memory を増やしてください。`,
    },
    "CD-MEMRES-LE-MEMORY": {
      summary: "コンテナの memory (ハード制限) は memoryReservation (ソフト制限) 以上である必要があります。",
      explain: (p) =>
        `コンテナ '${p.container}' のハード制限 (memory ${p.memory} MiB) がソフト制限 (memoryReservation ${p.memoryReservation} MiB) を下回っています。memory を上げるか、memoryReservation を下げてください。`,
    },
    "TD-ESSENTIAL": {
      summary: "少なくとも 1 つのコンテナを必須コンテナにする必要があります (essential を省略すると true)。",
      explain: () =>
        "すべてのコンテナが \"essential\": false になっています。メインのコンテナを必須コンテナにしてください (true にするか、キーを省略します)。タスクは必須コンテナが動いている間だけ実行されます。",
    },
  },
  fixes: {
    renameKey: (p) => `"${p.from}" を "${p.to}" に変更`,
    replaceValue: (p) => `${p.text} に変更`,
    removeMember: (p) => `"${p.member}" を削除`,
    addMember: (p) => `"${p.member}": ${p.text} を追加`,
    convertDocument: (p) => (p.from === "describe" ? "register-task-definition の入力に変換" : "すべてのキーを API の camelCase に変換"),
  },
};
