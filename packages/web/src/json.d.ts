declare module 'echarts-zhejiang-map/map/json/province/zhejiang.json' {
  const geoJson: { type: string; features: unknown[] };
  export default geoJson;
}
