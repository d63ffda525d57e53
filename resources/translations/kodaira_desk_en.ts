<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>BudgetForm</name>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="308" />
        <source>費用は千円単位で入力します。予算がない年度は「—」。</source>
        <translation>Enter costs in thousands of yen. For a year without budget, enter “—”.</translation>
    </message>
</context>
<context>
    <name>BudgetModel</name>
    <message>
        <location filename="../../kodaira_desk/ui/plan_tables.py" line="55" />
        <source>費用（{unit}）</source>
        <translation>Cost ({unit})</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/plan_tables.py" line="55" />
        <source>概略</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/plan_tables.py" line="110" />
        <source>{title} {year}の費用</source>
        <translation>Cost of {title}, {year}</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/plan_tables.py" line="120" />
        <source>費用は千円単位の数値で入力してください（例: 8,345）。</source>
        <translation>Enter the cost as a number in thousands of yen (e.g. 8,345).</translation>
    </message>
</context>
<context>
    <name>KpiForm</name>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="295" />
        <source>数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。値がないときは 「-」（調査なし）「—」（なし）「（※4）」（注記参照）。赤: 入力の誤り（保存されません）、黄: 確認が必要な値、青字: 未保存の変更。</source>
        <translation>Enter numbers as 1,234人, 80.9% or +600人 (full-width digits are fine). Without a value: “-” (no survey), “—” (none), “（※4）” (see note). Red: invalid input (not saved); yellow: value to check; blue: unsaved change.</translation>
    </message>
</context>
<context>
    <name>KpiTableModel</name>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="91" />
        <source>指標</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="93" />
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="95" />
        <source>注記</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="97" />
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="97" />
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="98" />
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="98" />
        <source>実績（見込）</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="163" />
        <source>（累計）</source>
        <translation> (cumulative)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="165" />
        <source>（内数）</source>
        <translation>(of which) </translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="193" />
        <source>対象時点: </source>
        <translation>Refers to: </translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="197" />
        <source>目標の版: </source>
        <translation>Target version: </translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="197" />
        <source>当初</source>
        <translation>original</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="198" />
        <source>改訂</source>
        <translation>revised</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="199" />
        <source>再設定</source>
        <translation>reset</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/kpi_model.py" line="229" />
        <source>{name} {year}{kind}の入力</source>
        <translation>Enter {name}, {year} {kind}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="209" />
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="210" />
        <source>最近使ったファイル</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="211" />
        <source>編集(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="212" />
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="213" />
        <source>言語 / Language</source>
        <translation>Language / 言語</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="214" />
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="215" />
        <source>別のデータベースを開く(&amp;O)…</source>
        <translation>&amp;Open another database…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="216" />
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="217" />
        <source>終了(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="218" />
        <source>検索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="219" />
        <source>バージョン情報(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="220" />
        <source>元に戻す(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="221" />
        <source>やり直し(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="222" />
        <source> 入力年度 </source>
        <translation> Fiscal year </translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="223" />
        <source> 担当課 </source>
        <translation> Department </translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="224" />
        <source>（すべての課）</source>
        <translation>(all departments)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="225" />
        <source>検索（Ctrl+F）</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="226" />
        <source>今年度の未入力のみ</source>
        <translation>Only missing this year</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="271" />
        <source>（担当課未選択）</source>
        <translation>(no department chosen)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="272" />
        <source>担当課: {d}　入力年度: {y}</source>
        <translation>Department: {d}   Fiscal year: {y}</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="394" />
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="397" />
        <source>{n} 件の変更を保存しました。</source>
        <translation>Saved {n} change(s).</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="399" />
        <source>（誤りのある入力 {n} 件は保存していません）</source>
        <translation> ({n} invalid entries were not saved)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="406" />
        <source>保存する</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="407" />
        <source>保存しない</source>
        <translation>Don't save</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="408" />
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="421" />
        <source>未保存の変更</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="422" />
        <source>保存していない変更があります。保存しますか？</source>
        <translation>There are unsaved changes. Save them?</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="457" />
        <source>データベースを開く</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="458" />
        <source>Kodaira Desk データベース (*.sqlite *.db);;すべてのファイル (*)</source>
        <translation>Kodaira Desk database (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="468" />
        <source>開けません</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="499" />
        <source>Kodaira Desk について</source>
        <translation>About Kodaira Desk</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="500" />
        <source>&lt;h3&gt;Kodaira Desk {version}&lt;/h3&gt;&lt;p&gt;小平市 戦略計画の進捗・KPI入力&lt;/p&gt;&lt;p&gt;データ版: {data}&lt;br&gt;データファイル: {path}&lt;/p&gt;&lt;p&gt;フォント: IPAexゴシック（IPAフォントライセンス v1.0）&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kodaira Desk {version}&lt;/h3&gt;&lt;p&gt;Progress and KPI entry for Kodaira City's strategic plans&lt;/p&gt;&lt;p&gt;Data version: {data}&lt;br&gt;Data file: {path}&lt;/p&gt;&lt;p&gt;Font: IPAex Gothic (IPA Font License v1.0)&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MeasureForm</name>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="162" />
        <source>進捗状況</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="163" />
        <source>これまでの実施等状況（参照のみ）</source>
        <translation>Earlier years (read only)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="164" />
        <source>1行に1項目。「・」で始まる行は箇条書き、《》の行は小見出しになります。</source>
        <translation>One item per line. A line starting with ・ is a bullet; a line in 《》 is a sub-heading.</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="168" />
        <source>{year}の実施等状況</source>
        <translation>What was done in {year}</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="198" />
        <source>（記録はありません）</source>
        <translation>(nothing recorded)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="214" />
        <source>進捗状況の入力</source>
        <translation>Enter progress status</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="220" />
        <source>実施等状況の入力</source>
        <translation>Enter what was done</translation>
    </message>
</context>
<context>
    <name>NodeHeader</name>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="82" />
        <source>計画期間: {a} ～ {b}</source>
        <translation>Plan period: {a} – {b}</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="92" />
        <source>所管課: {d}</source>
        <translation>Department: {d}</translation>
    </message>
</context>
<context>
    <name>NodePage</name>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="363" />
        <source>左の一覧から項目を選んでください。</source>
        <translation>Choose an item in the list on the left.</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="364" />
        <source>進捗状況</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="364" />
        <source>指標（KPI）</source>
        <translation>Indicators (KPI)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="365" />
        <source>予算</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="365" />
        <source>年次計画</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="398" />
        <source>この項目に入力するものはありません。下の階層の項目を選んでください。</source>
        <translation>Nothing is entered at this level. Choose an item below it.</translation>
    </message>
</context>
<context>
    <name>PlanTreeModel</name>
    <message>
        <location filename="../../kodaira_desk/ui/tree_model.py" line="147" />
        <source>計画</source>
        <translation>Plan</translation>
    </message>
</context>
<context>
    <name>ScheduleForm</name>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="330" />
        <source>各年度に「実施」「→」（継続）などを入力します。</source>
        <translation>Enter 実施 (done), → (continues) and so on for each year.</translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <location filename="../../kodaira_desk/ui/plan_tables.py" line="169" />
        <source>実施内容</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/plan_tables.py" line="198" />
        <source>{title} の年次計画</source>
        <translation>Schedule of {title}</translation>
    </message>
</context>
</TS>