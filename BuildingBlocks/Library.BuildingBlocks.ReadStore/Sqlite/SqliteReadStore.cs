using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Library.BuildingBlocks.ReadStore.Sqlite;

/// <summary>
/// A collection as a table: <c>id</c> (the primary key), <c>version</c> and <c>doc</c> (the document as
/// JSON, <see cref="SqliteJson"/>), each declared index an index on the <c>json_extract</c> expressions
/// of its keys, compound, descending and unique as declared (<see cref="SqliteSql"/>).
/// </summary>
internal sealed class SqliteReadStore<TDocument> : IReadStore<TDocument>, IReadCollection
    where TDocument : class, IReadDocument
{
    /// <summary>Documents per transaction of a bulk load; each is one write, so projections and readers are not shut out for the whole load.</summary>
    private const int BulkBatchSize = 10_000;

    private readonly SqliteDatabase _database;
    private readonly string _table;
    private readonly IReadOnlyList<ReadIndex> _declared;

    /// <summary>The declared indexes SQLite needs to create: an index of the id alone is the primary key.</summary>
    private readonly IReadOnlyList<ReadIndex> _indexes;
    private readonly bool _requireIndexedSorts;
    private readonly SetUpOnce _setUp;

    private readonly string _upsertSql;
    private readonly string _insertSql;
    private readonly string _getSql;
    private readonly string _countAllSql;

    /// <summary>Does no I/O: the file is opened on first use and the table made by <see cref="EnsureSetUpAsync"/>.</summary>
    public SqliteReadStore(SqliteDatabase database, string collection, IReadOnlyList<ReadIndex> indexes, bool requireIndexedSorts)
    {
        _database = database;
        Name = collection;
        _table = SqliteSql.Identifier(collection);
        _declared = indexes;
        _indexes = [.. indexes.Where(i => i.Keys is not [{ Field: nameof(IReadDocument.Id) }])];
        _requireIndexedSorts = requireIndexedSorts;
        _setUp = new SetUpOnce(() => _database.WriteAsync(CreateTable, grouped: false));

        // One statement, so atomic per document: it inserts, or replaces only an older version. Concurrent
        // first versions of a new document cannot race (the writer runs them one after another), and
        // the row count SQLite reports tells whether the document was written.
        _upsertSql = $"INSERT INTO {_table} (id, version, doc) VALUES (@id, @version, @doc) " +
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version, doc = excluded.doc WHERE excluded.version > version";
        _insertSql = $"INSERT INTO {_table} (id, version, doc) VALUES (@id, @version, @doc)";
        _getSql = $"SELECT doc FROM {_table} WHERE id = @id";
        _countAllSql = $"SELECT count(*) FROM {_table}";
    }

    public string Database => _database.Name;

    public string Name { get; }

    public bool IsSetUp => _setUp.IsDone;

    public Task EnsureSetUpAsync(CancellationToken cancellationToken) => _setUp.EnsureAsync(cancellationToken);

    public async Task<bool> UpsertIfNewerAsync(TDocument document, CancellationToken cancellationToken = default)
    {
        // Serialised on the caller's thread, so the writer's thread does nothing but SQL.
        var (id, version, json) = Row(document);
        await SetUpAsync(cancellationToken);
        return await GuardAsync(_database.WriteAsync(session => Unique(() =>
        {
            var command = session.Command(_upsertSql);
            Bind(command, id, version, json);
            return command.ExecuteNonQuery() == 1;
        })));
    }

    public async Task<bool> ReplaceIfAsync(TDocument document, ReadFilter condition, CancellationToken cancellationToken = default)
    {
        var (id, version, json) = Row(document);
        var parameters = new List<object>();
        var sql = $"UPDATE {_table} SET version = @version, doc = @doc WHERE id = @id AND {SqliteSql.Where(condition, parameters)}";
        await SetUpAsync(cancellationToken);
        return await GuardAsync(_database.WriteAsync(session => Unique(() =>
        {
            var command = session.Command(sql);
            Bind(command, id, version, json);
            AddParameters(command, parameters);
            return command.ExecuteNonQuery() == 1;
        })));
    }

    public async Task<bool> UpdateAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default)
    {
        var parameters = new List<object>();
        var sql = UpdateSql(update, condition, upsert, parameters);
        await SetUpAsync(cancellationToken);
        return await GuardAsync(_database.WriteAsync(session => Unique(() =>
        {
            var command = session.Command(sql);
            command.Parameters.AddWithValue("@id", id);
            AddParameters(command, parameters);
            return command.ExecuteNonQuery() == 1;
        })));
    }

    public async Task<TDocument?> UpdateAndGetAsync(string id, ReadUpdate update, ReadFilter? condition = null, bool upsert = false, CancellationToken cancellationToken = default)
    {
        var parameters = new List<object>();

        // RETURNING (SQLite 3.35) answers the row as the statement left it, in the same statement, so still
        // one write of the group commit. No row: the condition failed or the document is missing.
        var sql = UpdateSql(update, condition, upsert, parameters) + " RETURNING doc";
        await SetUpAsync(cancellationToken);
        var json = await GuardAsync(_database.WriteAsync(session => Unique(() =>
        {
            var command = session.Command(sql);
            command.Parameters.AddWithValue("@id", id);
            AddParameters(command, parameters);
            using var reader = command.ExecuteReader();
            return reader.Read() ? reader.GetFieldValue<byte[]>(0) : null;
        })));

        // Deserialised on the caller's thread, so the writer's thread does nothing but SQL.
        return json is null ? null : Deserialize(json);
    }

    /// <summary>The one statement of an update (<c>@id</c> the document's id), its parameters added to <paramref name="parameters"/>.</summary>
    private string UpdateSql(ReadUpdate update, ReadFilter? condition, bool upsert, List<object> parameters)
    {
        update.EnsureValid();
        if (upsert)
        {
            ReadUpdate.EnsureUpsertCondition(condition);
        }

        var updated = SqliteSql.Update(update, "doc", parameters);

        // The version is a column as well as a field of the JSON; it follows the JSON when the update changes it.
        var touchesVersion = update.Operations.Any(o => o.Field == nameof(IReadDocument.Version));
        var set = $"doc = {updated}" + (touchesVersion ? $", version = json_extract({updated}, '$.version')" : "");
        var where = SqliteSql.Where(condition ?? ReadFilter.All, parameters);
        if (!upsert)
        {
            return $"UPDATE {_table} SET {set} WHERE id = @id AND {where}";
        }

        // One statement, so the writer runs it whole: it creates the document from the update, or, on
        // the id's conflict, updates the existing row (unqualified columns are the existing row's)
        // only where the condition holds. SQLite counts the row either way, and none when the condition fails.
        var created = SqliteSql.Update(update, "json_object('_id', @id, 'version', 0)", parameters);
        var version = touchesVersion ? $"json_extract({created}, '$.version')" : "0";
        return $"INSERT INTO {_table} (id, version, doc) VALUES (@id, {version}, {created}) ON CONFLICT (id) DO UPDATE SET {set} WHERE {where}";
    }

    public async Task InsertManyAsync(IEnumerable<TDocument> documents, CancellationToken cancellationToken = default)
    {
        await SetUpAsync(cancellationToken);

        // Into an empty table (the rebuild this is for) the secondary indexes are dropped for the load
        // and built once at the end, which sorts each index once instead of growing it row by row.
        var buildIndexesAfter = _indexes.Count > 0 && await GuardAsync(_database.WriteAsync(DropIndexesIfEmpty, grouped: false));
        try
        {
            foreach (var batch in documents.Chunk(BulkBatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = batch.Select(Row).ToList();
                await GuardAsync(_database.WriteAsync(session => Unique(() => Insert(session, rows)), grouped: false));
            }
        }
        catch when (buildIndexesAfter)
        {
            // Every index is in force when this returns, also after a failed load.
            await GuardAsync(_database.WriteAsync(BuildIndexesOrEmpty, grouped: false));
            throw;
        }

        // A duplicate value of a unique index is found only now, and empties the table again: it was
        // empty before the load, and a failed rebuild starts over with an empty store anyway.
        if (buildIndexesAfter && !await GuardAsync(_database.WriteAsync(BuildIndexesOrEmpty, grouped: false)))
        {
            throw new UniqueIndexViolationException($"'{Name}': the loaded documents repeat a value of a unique index; nothing was kept.");
        }
    }

    public async Task<TDocument?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await SetUpAsync(cancellationToken);
        return await GuardAsync(_database.ReadAsync(
            session =>
            {
                var command = session.Command(_getSql);
                command.Parameters.AddWithValue("@id", id);
                using var reader = command.ExecuteReader();
                return reader.Read() ? Deserialize(reader) : null;
            },
            cancellationToken));
    }

    public async Task<IReadOnlyList<TDocument>> FindAsync(ReadQuery query, CancellationToken cancellationToken = default)
    {
        if (_requireIndexedSorts)
        {
            SortIndexes.EnsureServed(_declared, query, Name);
        }

        query.EnsureValidPosition();
        var statements = Statements(query, explain: false);
        await SetUpAsync(cancellationToken);
        return await GuardAsync(_database.ReadAsync<IReadOnlyList<TDocument>>(
            session =>
            {
                var found = new List<TDocument>(Math.Min(query.Take, 128));

                // A keyset page may span two stretches of the index (the nulls and the values), read in
                // their order until the page is full. Each is a statement of its own, so a write between them
                // is seen by the second only: as between two pages, nothing that stayed put is lost.
                foreach (var (sql, parameters) in statements)
                {
                    if (found.Count == query.Take)
                    {
                        break;
                    }

                    var command = session.Command(sql);
                    AddParameters(command, parameters);
                    command.Parameters.AddWithValue("@take", query.Take - found.Count);
                    command.Parameters.AddWithValue("@skip", query.Skip);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        found.Add(Deserialize(reader));
                    }
                }

                return found;
            },
            cancellationToken));
    }

    /// <summary>The SELECT (or its EXPLAIN QUERY PLAN) of a query: one, or for a keyset page one per stretch of the index it reads.</summary>
    private List<(string Sql, List<object> Parameters)> Statements(ReadQuery query, bool explain)
    {
        var prefix = explain ? "EXPLAIN QUERY PLAN SELECT doc" : "SELECT doc";
        var statements = new List<(string, List<object>)>();
        var stretches = query.After is null ? 1 : SqliteSql.After(query.Sort!, query.After, []).Count;
        for (var i = 0; i < stretches; i++)
        {
            var parameters = new List<object>();
            var where = SqliteSql.Where(query.Filter, parameters);
            var orderBy = SqliteSql.OrderBy(query.Sort);
            if (query.After is { } after)
            {
                var (condition, nullsOnly) = SqliteSql.After(query.Sort!, after, parameters)[i];
                where = $"{where} AND {condition}";
                orderBy = nullsOnly ? SqliteSql.OrderBy(ReadSort.Ascending(nameof(IReadDocument.Id))) : orderBy;
            }

            statements.Add(($"{prefix} FROM {_table} WHERE {where}{orderBy} LIMIT @take OFFSET @skip", parameters));
        }

        return statements;
    }

    public async Task<long> CountAsync(ReadFilter filter, CancellationToken cancellationToken = default)
    {
        var parameters = new List<object>();

        // Unfiltered, SQLite counts the entries of the table's smallest b-tree (the id index), loading no document.
        var sql = filter is AndFilter { Filters.Count: 0 }
            ? _countAllSql
            : $"{_countAllSql} WHERE {SqliteSql.Where(filter, parameters)}";
        await SetUpAsync(cancellationToken);
        return await GuardAsync(_database.ReadAsync(
            session =>
            {
                var command = session.Command(sql);
                AddParameters(command, parameters);
                return (long)command.ExecuteScalar()!;
            },
            cancellationToken));
    }

    /// <summary>
    /// One <c>GROUP BY</c> in the reader's session. The filter's range is served by an index (the statistics'
    /// counts are indexed by month); the grouping sorts the matches in a temporary b-tree, which is the cost:
    /// 500,000 counts of a year in about 2.7 s on this machine against 124 s for reading and summing them
    /// in .NET (ADR 0027).
    /// </summary>
    public async Task<IReadOnlyList<ReadSum>> TopSumsAsync(ReadFilter filter, string groupField, string sumField, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var parameters = new List<object>();
        var group = SqliteSql.Field(groupField);
        var sql = $"SELECT {group}, coalesce(sum({SqliteSql.Field(sumField)}), 0) FROM {_table} " +
            $"WHERE {SqliteSql.Where(filter, parameters)} AND {group} IS NOT NULL " +
            $"GROUP BY 1 ORDER BY 2 DESC, 1 ASC LIMIT {take.ToString(CultureInfo.InvariantCulture)}";
        await SetUpAsync(cancellationToken);
        return await GuardAsync(_database.ReadAsync<IReadOnlyList<ReadSum>>(
            session =>
            {
                var command = session.Command(sql);
                AddParameters(command, parameters);
                using var reader = command.ExecuteReader();
                var sums = new List<ReadSum>();
                while (reader.Read())
                {
                    sums.Add(new ReadSum(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, reader.GetInt64(1)));
                }

                return sums;
            },
            cancellationToken));
    }

    /// <summary>SQLite's plan of a query (EXPLAIN QUERY PLAN, one step a line), for the tests: a served sort needs no temporary b-tree.</summary>
    internal async Task<string> ExplainAsync(ReadQuery query, bool count = false)
    {
        var countParameters = new List<object>();
        var statements = count
            ? [($"EXPLAIN QUERY PLAN SELECT count(*) FROM {_table} WHERE {SqliteSql.Where(query.Filter, countParameters)} LIMIT @take OFFSET @skip", countParameters)]
            : Statements(query, explain: true);
        await SetUpAsync(CancellationToken.None);
        return await _database.ReadAsync(
            session =>
            {
                var steps = new List<string>();
                foreach (var (sql, parameters) in statements)
                {
                    using var command = session.Connection.CreateCommand();
                    command.CommandText = sql;
                    AddParameters(command, parameters);
                    command.Parameters.AddWithValue("@take", query.Take);
                    command.Parameters.AddWithValue("@skip", query.Skip);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        steps.Add(reader.GetString(3));
                    }
                }

                return string.Join('\n', steps);
            },
            CancellationToken.None);
    }

    /// <summary>The SQL text of a filter, for the tests: it must not depend on the filter's values.</summary>
    internal static string WhereText(ReadFilter filter) => SqliteSql.Where(filter, []);

    private static (string Id, long Version, string Json) Row(TDocument document) =>
        (document.Id, document.Version, JsonSerializer.Serialize(document, SqliteJson.Options));

    private static void Bind(SqliteCommand command, string id, long version, string json)
    {
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@version", version);
        command.Parameters.AddWithValue("@doc", json);
    }

    private static void AddParameters(SqliteCommand command, List<object> parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            command.Parameters.AddWithValue("@f" + i.ToString(CultureInfo.InvariantCulture), parameters[i]);
        }
    }

    /// <summary>Read as the UTF-8 bytes SQLite holds, which the JSON reader takes as they are (no detour through a UTF-16 string).</summary>
    private static TDocument Deserialize(SqliteDataReader reader) => Deserialize(reader.GetFieldValue<byte[]>(0));

    private static TDocument Deserialize(byte[] json) =>
        JsonSerializer.Deserialize<TDocument>(json, SqliteJson.Options)
            ?? throw new InvalidOperationException("A stored document is the JSON null.");

    /// <summary>The first read or write of a collection waits for its table; once it exists, this costs a field read.</summary>
    private Task SetUpAsync(CancellationToken cancellationToken) => _setUp.IsDone ? Task.CompletedTask : EnsureSetUpAsync(cancellationToken);

    private bool CreateTable(SqliteSession session)
    {
        session.Execute($"CREATE TABLE IF NOT EXISTS {_table} (id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL)");

        // An index no longer declared is dropped, so the file's indexes are the code's (a changed
        // declaration has a new name, see SqliteSql.IndexName).
        var declared = _indexes.Select(i => SqliteSql.IndexName(Name, i)).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in ExistingIndexes(session).Where(i => !declared.Contains(i)).ToList())
        {
            session.Execute($"DROP INDEX {SqliteSql.Identifier(stale)}");
        }

        foreach (var index in _indexes)
        {
            session.Execute(SqliteSql.CreateIndex(Name, index));
        }

        return true;
    }

    private List<string> ExistingIndexes(SqliteSession session)
    {
        // The primary key's own index (sqlite_autoindex_…) has no SQL and is not ours to drop.
        var command = session.Command("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = @table AND sql IS NOT NULL");
        command.Parameters.AddWithValue("@table", Name);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private bool DropIndexesIfEmpty(SqliteSession session)
    {
        if (session.Command($"SELECT EXISTS (SELECT 1 FROM {_table})").ExecuteScalar() is 1L)
        {
            return false;
        }

        foreach (var index in ExistingIndexes(session))
        {
            session.Execute($"DROP INDEX {SqliteSql.Identifier(index)}");
        }

        return true;
    }

    private bool BuildIndexesOrEmpty(SqliteSession session)
    {
        try
        {
            foreach (var index in _indexes)
            {
                session.Execute(SqliteSql.CreateIndex(Name, index));
            }

            return true;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUniqueViolation(ex))
        {
            // The failed CREATE INDEX undid itself; the transaction goes on without the rows.
            session.Execute($"DELETE FROM {_table}");
            foreach (var index in _indexes)
            {
                session.Execute(SqliteSql.CreateIndex(Name, index));
            }

            return false;
        }
    }

    private bool Insert(SqliteSession session, List<(string Id, long Version, string Json)> rows)
    {
        var command = session.Command(_insertSql);
        var id = command.Parameters.Add("@id", SqliteType.Text);
        var version = command.Parameters.Add("@version", SqliteType.Integer);
        var doc = command.Parameters.Add("@doc", SqliteType.Text);
        foreach (var row in rows)
        {
            id.Value = row.Id;
            version.Value = row.Version;
            doc.Value = row.Json;
            command.ExecuteNonQuery();
        }

        return true;
    }

    /// <summary>A duplicate id or value of a unique index, reported as the port's conflict; SQLite has undone the statement.</summary>
    private T Unique<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (SqliteException ex) when (SqliteFailures.IsUniqueViolation(ex))
        {
            throw new UniqueIndexViolationException($"'{Name}': {ex.Message}", ex);
        }
    }

    private async Task<T> GuardAsync<T>(Task<T> operation)
    {
        try
        {
            return await operation;
        }
        catch (Exception ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw new ReadStoreUnavailableException($"SQLite table '{Database}.{Name}' cannot be used right now.", ex);
        }
    }

    private async Task<T> GuardAsync<T>(ValueTask<T> operation)
    {
        try
        {
            return await operation;
        }
        catch (Exception ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw new ReadStoreUnavailableException($"SQLite table '{Database}.{Name}' cannot be used right now.", ex);
        }
    }
}
