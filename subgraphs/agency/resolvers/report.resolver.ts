import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AgencyContext } from '../context';
import type { DocumentEntity } from '../entities/document.entity';
import * as reports from '../services/annual-report.service';
import { findVisibleDocument } from '../services/document.service';
import { Agency, Document } from './document.types';
import { AnnualReportTextInput } from './request.input';
import { AnnualReport } from './request.types';

const YEAR = { description: '年度 / Year' };

@Resolver(() => AnnualReport)
export class AnnualReportResolver {
  @Query(() => AnnualReport, { description: '全省政府信息公开工作年度报告：各机关报表之和 / The province\'s annual report: the sum of every agency\'s tables' })
  provinceAnnualReport(@Arg('year', () => Int, YEAR) year: number, @Ctx() ctx: AgencyContext): Promise<reports.AnnualReportData> {
    return reports.computeAnnualReport(ctx, year, null);
  }

  @Mutation(() => AnnualReport, { description: '编写年度报告的一、五、六部分（机关管理员）/ Write sections I, V and VI (agency admin)' })
  async updateAnnualReportText(
    @Arg('year', () => Int, YEAR) year: number, @Arg('input', () => AnnualReportTextInput) input: AnnualReportTextInput, @Ctx() ctx: AgencyContext,
  ): Promise<reports.AnnualReportData> {
    await reports.updateReportText(ctx, year, input);
    return reports.computeAnnualReport(ctx, year, ctx.runtime.config.agencyCode);
  }

  @Mutation(() => AnnualReport, { description: '发布年度报告：生成"综合政务/报告"文件并送保密审查，经他人审查后按文件发布（机关管理员）/ Make the report a document (theme 综合政务, genre 报告) and send it to confidentiality review; it is published like any document once someone else approved it (agency admin)' })
  publishAnnualReport(@Arg('year', () => Int, YEAR) year: number, @Ctx() ctx: AgencyContext): Promise<reports.AnnualReportData> {
    return reports.publishReport(ctx, year);
  }

  @FieldResolver(() => String, { nullable: true })
  overview(@Root() report: reports.AnnualReportData, @Ctx() ctx: AgencyContext): string | null {
    return reports.visibleText(ctx, report)?.overview ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  problems(@Root() report: reports.AnnualReportData, @Ctx() ctx: AgencyContext): string | null {
    return reports.visibleText(ctx, report)?.problems ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  otherMatters(@Root() report: reports.AnnualReportData, @Ctx() ctx: AgencyContext): string | null {
    return reports.visibleText(ctx, report)?.otherMatters ?? null;
  }

  @FieldResolver(() => Document, { nullable: true })
  publishedDocument(@Root() report: reports.AnnualReportData, @Ctx() ctx: AgencyContext): Promise<DocumentEntity | null> | null {
    const id = report.text?.documentId;
    return id ? findVisibleDocument(ctx, id) : null;
  }

  // Strings cannot be summed across shards: the province's CSVs are built by the gateway from the merged tables.
  @FieldResolver(() => String, { nullable: true })
  requestsTableCsv(@Root() report: reports.AnnualReportData): string | null {
    return report.agency ? reports.requestsTableCsv(report.requestsTable) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  proactiveTableCsv(@Root() report: reports.AnnualReportData): string | null {
    return report.agency ? reports.proactiveTableCsv(report.proactiveTable) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  appealsTableCsv(@Root() report: reports.AnnualReportData): string | null {
    return report.agency ? reports.appealsTableCsv(report.appealsTable) : null;
  }
}

@Resolver(() => Agency)
export class AgencyReportResolver {
  @FieldResolver(() => AnnualReport, { description: '该机关的政府信息公开工作年度报告 / This agency\'s annual report' })
  annualReport(@Root() agency: Agency, @Arg('year', () => Int, YEAR) year: number, @Ctx() ctx: AgencyContext): Promise<reports.AnnualReportData> {
    return reports.computeAnnualReport(ctx, year, agency.code);
  }
}
