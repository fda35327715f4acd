using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Reader.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "reader");

            migrationBuilder.CreateTable(
                name: "lending_obligations",
                schema: "reader",
                columns: table => new
                {
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reader_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    is_open_loan = table.Column<bool>(type: "boolean", nullable: false),
                    owed_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lending_obligations", x => x.source_id);
                });

            migrationBuilder.CreateTable(
                name: "reader_number_counters",
                schema: "reader",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reader_number_counters", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "readers",
                schema: "reader",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reader_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    email_normalized = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone_number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    gdpr_consent = table.Column<bool>(type: "boolean", nullable: false),
                    marketing_consent = table.Column<bool>(type: "boolean", nullable: false),
                    third_party_sharing_consent = table.Column<bool>(type: "boolean", nullable: false),
                    interests = table.Column<List<string>>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    suspension_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    erased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_readers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_lending_obligations_reader_id",
                schema: "reader",
                table: "lending_obligations",
                column: "reader_id");

            migrationBuilder.CreateIndex(
                name: "ux_readers_email_normalized",
                schema: "reader",
                table: "readers",
                column: "email_normalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_readers_reader_number",
                schema: "reader",
                table: "readers",
                column: "reader_number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lending_obligations",
                schema: "reader");

            migrationBuilder.DropTable(
                name: "reader_number_counters",
                schema: "reader");

            migrationBuilder.DropTable(
                name: "readers",
                schema: "reader");
        }
    }
}
